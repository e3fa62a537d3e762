import type http from 'node:http';
import type { Duplex } from 'node:stream';
import crypto from 'node:crypto';
import type protobuf from 'protobufjs';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Request, Response } from 'express';
import type { PostResult } from './http-post.js';

// pbbp2.Frame as Feishu's long connection speaks it (feishu-brief §4).
const FRAME_PROTO = `syntax = "proto2"; package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame { required uint64 SeqID = 1; required uint64 LogID = 2; required int32 service = 3; required int32 method = 4;
  repeated Header headers = 5; optional string payload_encoding = 6; optional string payload_type = 7;
  optional bytes payload = 8; optional string LogIDNew = 9; }`;

let frameType: Promise<protobuf.Type> | undefined;
// Built when a client first asks for the long connection: protobufjs's parser is slow to load, and most
// emulator runs (every webhook-mode test) never open one.
const loadFrame = () =>
  (frameType ??= import('protobufjs').then((m) =>
    m.default.parse(FRAME_PROTO).root.lookupType('pbbp2.Frame'),
  ));

interface FrameObj {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Buffer;
}

const METHOD_CONTROL = 0;
const METHOD_DATA = 1;
const SERVICE_ID = 1;
const WS_PATH = '/callback/ws/conn';
// Seconds, as Feishu's endpoint answers them; the SDK pings every PingInterval and expects a pong.
const CLIENT_CONFIG = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

interface Pending {
  resolve: (r: PostResult & { json?: unknown }) => void;
  timer: NodeJS.Timeout;
}

/** The long connection: endpoint discovery and pbbp2 frames, so the SDK's WSClient receives events as from Feishu. */
export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private seq = 0;
  private Frame?: protobuf.Type;

  constructor(
    private readonly cfg: { appId: string; appSecret: string; url: () => string; timeoutMs: number },
  ) {}

  /** How many long-connection clients are connected. */
  get size(): number {
    return this.clients.size;
  }

  /** POST /callback/ws/endpoint {AppID, AppSecret} → the WebSocket URL and client config. */
  endpoint = (req: Request, res: Response): void => {
    const b = (req.body ?? {}) as { AppID?: unknown; AppSecret?: unknown };
    if (b.AppID !== this.cfg.appId || b.AppSecret !== this.cfg.appSecret) {
      res.json({ code: 1000040343, msg: 'app id or app secret is invalid', data: {} });
      return;
    }
    const wsUrl = `${this.cfg.url().replace(/^http/, 'ws')}${WS_PATH}?device_id=${crypto.randomUUID()}&service_id=${SERVICE_ID}`;
    void this.frame().then(() =>
      res.json({ code: 0, msg: 'ok', data: { URL: wsUrl, ClientConfig: CLIENT_CONFIG } }),
    );
  };

  private async frame(): Promise<protobuf.Type> {
    return (this.Frame ??= await loadFrame());
  }

  /** Takes over HTTP upgrades on the long-connection path. */
  attach(server: http.Server): void {
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!req.url?.startsWith(WS_PATH)) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
    });
  }

  private onConnection(ws: WebSocket): void {
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => this.clients.delete(ws));
    // A client reaches this path through the endpoint, which has loaded the frame type; one that skipped it
    // counts as connected once the type is there (its first frame comes much later, at the ping interval).
    void this.frame().then((Frame) => {
      if (ws.readyState !== ws.OPEN) return;
      this.clients.add(ws);
      ws.on('message', (data: Buffer) => this.onFrame(Frame, ws, data));
    });
  }

  private onFrame(Frame: protobuf.Type, ws: WebSocket, data: Buffer): void {
    let f: FrameObj;
    try {
      f = Frame.toObject(Frame.decode(data), { longs: Number, bytes: Buffer }) as FrameObj;
    } catch {
      return;
    }
    const h = Object.fromEntries((f.headers ?? []).map((x) => [x.key, x.value]));
    if (f.method === METHOD_CONTROL && h.type === 'ping') {
      this.send(ws, {
        SeqID: 0,
        LogID: 0,
        service: f.service,
        method: METHOD_CONTROL,
        headers: [{ key: 'type', value: 'pong' }],
        payload: Buffer.from(JSON.stringify(CLIENT_CONFIG)),
      });
      return;
    }
    if (f.method !== METHOD_DATA) return;
    const waiting = this.pending.get(h.message_id ?? '');
    if (!waiting) return;
    this.pending.delete(h.message_id);
    clearTimeout(waiting.timer);
    waiting.resolve(parseAnswer(f.payload));
  }

  private send(ws: WebSocket, f: FrameObj): void {
    const Frame = this.Frame!;
    ws.send(Frame.encode(Frame.create(f)).finish());
  }

  /** Pushes a plaintext v2 envelope to one connected client (Feishu's cluster mode picks one at random). */
  push(envelope: unknown): Promise<PostResult & { json?: unknown }> {
    const all = [...this.clients];
    if (!all.length) return Promise.resolve({ ok: false, error: 'no long connection' });
    const ws = all[Math.floor(Math.random() * all.length)];
    const messageId = crypto.randomUUID();
    this.seq += 1;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        resolve({ ok: false, error: `no answer within ${this.cfg.timeoutMs} ms` });
      }, this.cfg.timeoutMs);
      this.pending.set(messageId, { resolve, timer });
      this.send(ws, {
        SeqID: this.seq,
        LogID: this.seq,
        service: SERVICE_ID,
        method: METHOD_DATA,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: '1' },
          { key: 'seq', value: '0' },
          { key: 'trace_id', value: crypto.randomUUID() },
        ],
        payload: Buffer.from(JSON.stringify(envelope)),
      });
    });
  }

  /** Drops every connection and answers pending pushes as failed. */
  close(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: 'emulator closed' });
      this.pending.delete(id);
    }
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
    this.wss.close();
  }
}

/** The SDK answers {"code":200,"data":base64(JSON(result))}; code 500 when the handler threw. */
function parseAnswer(payload: Buffer | undefined): PostResult & { json?: unknown } {
  try {
    const body = JSON.parse(Buffer.from(payload ?? []).toString('utf8')) as { code?: number; data?: string };
    if (body.code !== 200)
      return { ok: false, status: body.code, error: `long connection answer code ${body.code}` };
    const json = body.data ? (JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) as unknown) : {};
    return { ok: true, status: 200, json };
  } catch (e) {
    return { ok: false, error: `bad long connection answer: ${(e as Error).message}` };
  }
}
