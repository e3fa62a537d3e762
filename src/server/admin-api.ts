/**
 * The bot's door for the command line on the same machine (src/cli/bot-link.ts): `POST /admin/commands`
 * `{command, input}` runs an admin command inside the running bot, on the data it holds in memory, so a round
 * created from the command line takes effect at once and nothing is overwritten. Only a caller that can read
 * the data directory has the token (bot-presence.ts), and only from this machine.
 */
import { timingSafeEqual } from 'node:crypto';
import express, { type Request } from 'express';
import { isAdminCommand, runAdminCommand, type AdminDeps } from '../admin/commands.js';
import type { Logger } from '../logger.js';

export const ADMIN_PATH = '/admin/commands';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A caller on this machine: loopback, or the very address the server answers on. */
function local(req: Request): boolean {
  const from = req.socket.remoteAddress ?? '';
  return LOOPBACK.has(from) || from === req.socket.localAddress;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** The admin route, answering `{ok, …}` or `{ok:false, message}` (HTTP 200 either way: the answer is the data). */
export function adminRouter(o: { deps: () => AdminDeps; token: () => string; log: Logger }) {
  const r = express.Router();
  r.post(ADMIN_PATH, express.json({ limit: '10mb' }), async (req, res) => {
    const token = o.token();
    if (!token || !local(req) || !tokenMatches(req.headers.authorization, token)) {
      o.log.warn({ from: req.socket.remoteAddress }, 'admin command refused: not local or wrong token');
      res.status(403).json({ ok: false, message: '拒绝：只接受本机、持有数据目录令牌的命令行' });
      return;
    }
    const body = (req.body ?? {}) as { command?: unknown; input?: unknown };
    if (!isAdminCommand(body.command)) {
      res.status(400).json({ ok: false, message: `未知的管理命令 ${String(body.command)}` });
      return;
    }
    const input = body.input && typeof body.input === 'object' ? (body.input as Record<string, unknown>) : {};
    const log = o.log.child({ admin_command: body.command });
    try {
      const answer = await runAdminCommand(o.deps(), body.command, input);
      log.info({ ok: answer.ok }, 'admin command');
      res.json(answer);
    } catch (err) {
      log.error({ err }, 'admin command failed');
      res.status(500).json({ ok: false, message: '机器人执行命令时出错，详见机器人的日志' });
    }
  });
  return r;
}
