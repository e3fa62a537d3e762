import type { EmulatorState } from './state.js';
import { fail, type ApiResult } from './api-result.js';
import { attachment, contentTypeOf } from './content-types.js';

/**
 * GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file|image: the bytes of a file in a message
 * of a chat the bot is in (a file a user sent it, or one it sent). Anything else is Feishu's refusal, never bytes.
 */
export function messageResource(
  state: EmulatorState,
  messageId: string,
  fileKey: string,
  type: unknown,
): ApiResult {
  if (type !== 'file' && type !== 'image') {
    return fail(234001, 'Invalid request param: type must be file or image.');
  }
  const msg = state.getMessage(messageId);
  if (!msg) return fail(234001, `Invalid request param: message not found: ${messageId}`);
  if (!state.botInChat(msg.chat_id)) return fail(234004, 'App not in chat.');
  if (msg.msg_type === 'interactive')
    return fail(234043, 'Unsupported message type: card messages hold no resources.');
  if (msg.msg_type !== 'file' || msg.content.file_key !== fileKey) return fail(234003, 'File not in msg.');
  if (type !== 'file')
    return fail(234001, 'Invalid request param: a file message is fetched with type=file.');
  const f = state.getFile(fileKey);
  if (!f) return fail(234003, 'File not in msg.');
  return {
    status: 200,
    body: null,
    bytes: f.bytes,
    headers: { 'content-type': contentTypeOf(f.file_name), 'content-disposition': attachment(f.file_name) },
  };
}
