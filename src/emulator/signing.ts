import crypto from 'node:crypto';

/** base64(IV16 || AES-256-CBC(key = sha256(encryptKey), PKCS7, JSON)), exactly as Feishu encrypts pushes. */
export function encryptPayload(plain: unknown, encryptKey: string): string {
  const key = crypto.createHash('sha256').update(encryptKey).digest();
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-256-cbc', key, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ct]).toString('base64');
}

/** Inverse of encryptPayload (used by tests and by the url_verification check). */
export function decryptPayload(b64: string, encryptKey: string): string {
  const key = crypto.createHash('sha256').update(encryptKey).digest();
  const buf = Buffer.from(b64, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** x-lark-signature = sha256_hex(timestamp + nonce + encryptKey + body). */
export function signBody(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return crypto
    .createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
}

/**
 * The exact request Feishu sends for a payload: with an encrypt key the body is {"encrypt":…} and signed;
 * without one it is the plaintext envelope (signed with an empty key, which the SDK does not check).
 * The body is compact JSON because the SDK verifies the signature over JSON.stringify of the parsed body.
 */
export function buildPush(
  payload: unknown,
  encryptKey: string | undefined,
  nowMs: number,
): { body: string; headers: Record<string, string> } {
  const body = encryptKey
    ? JSON.stringify({ encrypt: encryptPayload(payload, encryptKey) })
    : JSON.stringify(payload);
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = crypto.randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signBody(timestamp, nonce, encryptKey ?? '', body),
    },
  };
}
