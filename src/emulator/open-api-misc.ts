import type { EmulatorState } from './state.js';
import type { MultipartForm } from './multipart.js';
import { fail, ok, type ApiResult } from './api-result.js';
import { parseContent } from './messaging.js';
import { newFileKey } from './ids.js';

// Feishu im/v1/files accepts these file_type values.
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);

/** POST /open-apis/im/v1/files (multipart file_type, file_name, file): keeps the bytes in memory. */
export function uploadFile(
  state: EmulatorState,
  form: MultipartForm | undefined,
  maxBytes: number,
): ApiResult {
  if (!form) return fail(99992402, 'field validation failed: multipart/form-data body expected');
  const fileType = form.fields.file_type;
  const fileName = form.fields.file_name;
  const file = form.files.file;
  if (!fileType || !FILE_TYPES.has(fileType)) {
    return fail(99992402, `field validation failed: file_type must be one of ${[...FILE_TYPES].join('|')}`);
  }
  if (!fileName) return fail(99992402, 'field validation failed: file_name is required');
  if (!file) return fail(99992402, 'field validation failed: file is required');
  if (file.bytes.length === 0) return fail(234010, 'File size can not be 0.');
  if (file.bytes.length > maxBytes) return fail(234006, 'The file size exceeds the limit (30 MB).');
  const fileKey = newFileKey();
  state.addFile({ file_key: fileKey, file_name: fileName, file_type: fileType, bytes: file.bytes });
  return ok({ file_key: fileKey });
}

/** POST /open-apis/interactive/v1/card/update {token, card}: delayed update with a callback token. */
export function updateCardByToken(state: EmulatorState, body: Record<string, unknown>): ApiResult {
  if (typeof body.token !== 'string') return fail(99992402, 'field validation failed: token is required');
  const raw = typeof body.card === 'string' ? body.card : JSON.stringify(body.card ?? null);
  const parsed = parseContent(state, 'interactive', raw);
  if ('error' in parsed) return parsed.error;
  const used = state.useCardToken(body.token);
  if ('error' in used) return fail(10002, `invalid token: ${used.error}`);
  state.updateContent(used.message_id, parsed.content);
  return { status: 200, body: { code: 0, msg: 'success' } };
}
