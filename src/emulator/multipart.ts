import busboy from 'busboy';
import type { Request } from 'express';

export interface MultipartForm {
  fields: Record<string, string>;
  files: Record<string, { bytes: Buffer; filename?: string; mimeType: string }>;
}

/**
 * Reads a multipart body into memory. The SDK sends a Buffer part without a filename; busboy still treats it as
 * a file because form-data labels it application/octet-stream, so bytes are never decoded as text.
 */
export function readMultipart(req: Request, maxBytes: number): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // Browsers and fetch write a Chinese filename as raw UTF-8 in the part header; busboy assumes latin1.
      bb = busboy({ headers: req.headers, limits: { fileSize: maxBytes + 1 }, defParamCharset: 'utf8' });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const form: MultipartForm = { fields: {}, files: {} };
    bb.on('field', (name, value) => {
      form.fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        form.files[name] = { bytes: Buffer.concat(chunks), filename: info.filename, mimeType: info.mimeType };
      });
    });
    bb.on('error', (e) => reject(e instanceof Error ? e : new Error(String(e))));
    bb.on('close', () => resolve(form));
    req.pipe(bb);
  });
}
