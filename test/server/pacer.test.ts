import { Pacer } from '../../src/feishu/pacer.js';

describe('Pacer (fake clock)', () => {
  it('allows 50 calls per second per app, then says how long to wait', () => {
    let t = 1_000_000;
    const p = new Pacer({ now: () => t, perReceiver: { max: 1000, windowMs: 1000 } });
    for (let i = 0; i < 50; i++) expect(p.tryAcquire(`u${i % 20}`).wait).toBe(0);
    const { wait } = p.tryAcquire('u0');
    expect(wait).toBeGreaterThan(0);
    t += wait;
    expect(p.tryAcquire('u0').wait).toBe(0);
  });

  it('never lets more than 1000 calls into any minute', () => {
    let t = 0;
    const p = new Pacer({ now: () => t });
    const times: number[] = [];
    for (let i = 0; i < 5000 && times.length < 2500; i++) {
      const w = p.tryAcquire(`user-${i}`).wait;
      if (w === 0) times.push(t);
      else t += w;
    }
    for (let i = 1000; i < times.length; i++)
      expect(times[i] - times[i - 1000]).toBeGreaterThanOrEqual(60_000);
    for (let i = 50; i < times.length; i++) expect(times[i] - times[i - 50]).toBeGreaterThanOrEqual(1_000);
  });

  it('holds a single receiver to 5 per second while others still go', () => {
    const t = 0;
    const p = new Pacer({ now: () => t });
    for (let i = 0; i < 5; i++) expect(p.tryAcquire('ou_a').wait).toBe(0);
    expect(p.tryAcquire('ou_a').wait).toBeGreaterThan(0);
    expect(p.tryAcquire('ou_b').wait).toBe(0);
  });

  it('counts a slow call from its answer, so the next burst cannot land in the same window', () => {
    let t = 0;
    const p = new Pacer({ now: () => t, app: [{ max: 2, windowMs: 1000 }] });
    const first = p.tryAcquire();
    expect(p.tryAcquire().wait).toBe(0);
    t = 400; // the first call was answered only now (it waited for a token)
    first.done();
    t = 1000; // the second call has left the window, the first has not
    expect(p.tryAcquire().wait).toBe(0);
    expect(p.tryAcquire().wait).toBe(400);
  });

  it('pauses everything until a rate-limit reset', () => {
    let t = 0;
    const p = new Pacer({ now: () => t });
    p.pauseUntil(3_000);
    expect(p.tryAcquire('ou_a').wait).toBe(3_000);
    t = 3_000;
    expect(p.tryAcquire('ou_a').wait).toBe(0);
  });

  it('counts the calls another sender made (a failover), per app and per receiver, and forgets old ones', () => {
    let t = 10_000;
    const p = new Pacer({ now: () => t });
    // the sender before made 48 calls 300 ms ago, 5 of them to ou_a, and one 70 s ago
    p.seed('ou_old', t - 70_000);
    for (let i = 0; i < 48; i++) p.seed(i < 5 ? 'ou_a' : `ou_${i}`, t - 300);
    expect(p.tryAcquire('ou_a').wait).toBe(800);
    expect(p.tryAcquire('ou_b').wait).toBe(0);
    expect(p.tryAcquire('ou_c').wait).toBe(0);
    expect(p.tryAcquire('ou_d').wait).toBe(800);
    t += 800;
    expect(p.tryAcquire('ou_a').wait).toBe(0);
  });
});
