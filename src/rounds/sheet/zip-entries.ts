/**
 * A look inside a zip (an .xlsx is one) before any library unpacks it: its entries' names and sizes from the
 * central directory, and one entry's bytes with a hard cap. This is what lets a .docx, a zip bomb or a sheet of
 * 10,000 rows be refused at once instead of after exceljs has unpacked all of it.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** as the central directory claims; inflating is capped anyway, in case it lies */
  uncompressedSize: number;
  compressedSize: number;
  method: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip, or undefined when the bytes are not a (readable, non-zip64) zip. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL) return undefined;
  // The end record is in the last 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--)
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return undefined;
    const nameLength = buf.readUInt16LE(at + 28);
    const entry = {
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    };
    // 0xFFFFFFFF means the real size is in a zip64 record: no spreadsheet an admin sends is that big.
    if (entry.uncompressedSize === 0xffffffff || entry.compressedSize === 0xffffffff) return undefined;
    entries.push(entry);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

/** One entry's bytes, never more than `maxBytes` (throws beyond, or when the entry is damaged). */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
    throw new Error(`damaged zip entry ${entry.name}`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new Error(`zip entry ${entry.name} is over ${maxBytes} bytes`);
    return data;
  }
  if (entry.method !== 8) throw new Error(`zip entry ${entry.name} uses compression method ${entry.method}`);
  return inflateRawSync(data, { maxOutputLength: maxBytes });
}
