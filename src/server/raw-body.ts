import type { NextFunction, Request, Response } from 'express';
import type { RefusalLog } from './refusal-log.js';

/**
 * The largest push the webhook accepts. Measured (test/server/hostile-webhook.test.ts builds both): the biggest
 * form any card submits is a table-三 step (s3.r3 / s3.r4r5, 48 inputs); every input filled to the card input's
 * 1,000 characters of Chinese, in Feishu's envelope, encrypted and base64-encoded, is 194 KB. A chat message is
 * bigger: Feishu's limit for a text is 150 KB, which arrives as 201 KB. 512 KB leaves 2.5 times that for
 * escaping and envelope changes; everything bigger is not from Feishu and is refused before it is read.
 */
export const BODY_LIMIT_BYTES = 512 * 1024;

/** Where the unparsed body waits for the signature check. */
export const rawOf = (req: Request): Buffer | undefined => (req as { rawBody?: Buffer }).rawBody;

/** Answers, and closes the connection so the rest of an unwanted body is never read. */
export function refuse(res: Response, status: number): void {
  if (res.headersSent) return;
  res.set('connection', 'close');
  res.status(status).json({ msg: status === 413 ? 'too large' : status === 400 ? 'bad request' : 'refused' });
}

/** Reads the body as bytes up to `limit`: a declared or actual bigger body gets 413 without being buffered. */
export function readRawBody(limit: number, refusals: RefusalLog) {
  return (req: Request, res: Response, next: NextFunction) => {
    const tooLarge = (bytes: number) => {
      refusals(req, { reason: 'body too large', status: 413, bytes });
      refuse(res, 413);
    };
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > limit) return tooLarge(declared);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      (req as { rawBody?: Buffer }).rawBody = Buffer.concat(chunks, size);
      next();
    };
    // A client that hangs up mid-body is owed no answer, and its hang-up is not our error to log.
    const drop = () => {
      done = true;
      req.removeListener('data', onData);
      chunks.length = 0;
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done = true;
      req.removeListener('data', onData);
      chunks.length = 0;
      req.pause();
      tooLarge(size);
    };
    req.on('data', onData);
    req.once('end', finish);
    req.once('error', drop);
    req.once('aborted', drop);
  };
}
