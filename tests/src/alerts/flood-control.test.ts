/**
 * Flood control decisions, per instance (memory) and across instances (Sync, through
 * twilio-node against the stateful Sync stand-in).
 */
import { FloodControl, type FloodDecision } from '../../../src/alerts/flood-control';
import { ALERT_MAP_NAME, SyncLedger } from '../../../src/alerts/sync-ledger';
import { TimeBudget } from '../../../src/alerts/time-budget';
import { startSyncMapStandIn, type RunningSyncStandIn } from '../../support/sync-map-stand-in';
import { loopbackTwilioClient } from '../../support/twilio-api-stand-in';

const SERVICE = 'IS' + 'b'.repeat(32);
const KEY = '11200@app.example.com';
const WINDOW = 300;

let clock = 1_700_000_000_000;
const now = () => clock;

function noSync(): SyncLedger {
  throw new Error('no ACCOUNT_SID');
}

async function admitWithClaim(
  flood: FloodControl,
  ledger: () => SyncLedger,
  key = KEY,
  limitMs = 1000,
) {
  return flood.admit(key, WINDOW, ledger, new TimeBudget(2000), limitMs);
}

/** The decision without its claim (the window handle giveBack takes). */
async function admit(flood: FloodControl, ledger: () => SyncLedger, key = KEY, limitMs = 1000) {
  return withoutClaim(await admitWithClaim(flood, ledger, key, limitMs));
}

function withoutClaim(decision: FloodDecision): Omit<FloodDecision, 'claim'> {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { claim, ...rest } = decision;
  return rest;
}

describe('without Sync: this instance’s memory', () => {
  it('sends once per key and window, then reports what it suppressed', async () => {
    const flood = new FloodControl(now);
    const first = await admit(flood, noSync);
    expect(first).toMatchObject({ send: true, suppressed: 0, store: 'memory' });
    expect(first.degraded).toMatch(/^Sync unavailable: no ACCOUNT_SID/);
    for (let i = 1; i <= 4; i++) {
      expect(await admit(flood, noSync)).toMatchObject({ send: false, suppressed: i });
    }
    expect(await admit(flood, noSync, '11205@app.example.com')).toMatchObject({ send: true });
    expect(await admit(flood, noSync, '11200@other.example.com')).toMatchObject({ send: true });
    clock += WINDOW * 1000 - 1;
    expect(await admit(flood, noSync)).toMatchObject({ send: false, suppressed: 5 });
    clock += 1;
    expect(await admit(flood, noSync)).toMatchObject({ send: true, suppressed: 5 });
    expect(await admit(flood, noSync)).toMatchObject({ send: false, suppressed: 1 });
  });
});

describe('with Sync: across instances', () => {
  let sync: RunningSyncStandIn;
  beforeEach(async () => {
    sync = await startSyncMapStandIn({ now, maps: [ALERT_MAP_NAME] });
  });
  afterEach(() => sync.close());

  const ledger = () => {
    const { client } = loopbackTwilioClient({ 'sync.twilio.com': sync.baseUrl });
    return new SyncLedger(client.sync.v1.services(SERVICE));
  };

  it('lets one instance alert and carries every suppression to the next alert', async () => {
    const [a, b, c] = [new FloodControl(now), new FloodControl(now), new FloodControl(now)];
    expect(await admit(a!, ledger)).toEqual({ send: true, suppressed: 0, store: 'sync' });
    // B and C are suppressed; each adds to the shared tally at once, then at most every 10 s.
    for (let i = 0; i < 3; i++) await admit(b!, ledger);
    for (let i = 0; i < 2; i++) await admit(c!, ledger);
    expect(sync.items(ALERT_MAP_NAME).get(`tally:${KEY}`)?.data).toEqual({ suppressed: 2 });
    const tallyWrites = () =>
      sync.requests.filter((r) => r.key === `tally:${KEY}` && r.method === 'POST');
    const writesBefore = tallyWrites().length;
    clock += 11_000;
    expect(await admit(b!, ledger)).toMatchObject({ send: false, suppressed: 0, store: 'sync' });
    expect(tallyWrites().length).toBeGreaterThan(writesBefore);
    expect(sync.items(ALERT_MAP_NAME).get(`tally:${KEY}`)?.data).toEqual({ suppressed: 5 });

    clock += WINDOW * 1000; // the window item's TTL has run out
    // C still holds one suppression it has not written: it reports it with the tally.
    expect(await admit(c!, ledger)).toEqual({ send: true, suppressed: 6, store: 'sync' });
    expect(sync.items(ALERT_MAP_NAME).has(`tally:${KEY}`)).toBe(false);
    expect(await admit(a!, ledger)).toMatchObject({ send: false });
  });

  it('falls back on memory, and says why, when Sync fails', async () => {
    const flood = new FloodControl(now);
    sync.failWith = { status: 503, code: 20500, message: 'Service unavailable' };
    const decision = await admit(flood, ledger);
    expect(decision).toMatchObject({ send: true, store: 'memory' });
    expect(decision.degraded).toMatch(/Sync unavailable: .*HTTP 503, Twilio error 20500/);
    expect(await admit(flood, ledger)).toMatchObject({ send: false, store: 'memory' });
  });

  it('gives Sync no more than its share of the budget, then decides from memory', async () => {
    const flood = new FloodControl(now);
    sync.delayMs = Number.POSITIVE_INFINITY;
    const decision = await admit(flood, ledger, KEY, 200);
    expect(decision).toMatchObject({ send: true, store: 'memory' });
    expect(decision.degraded).toBe('Sync did not answer within 200 ms');
  });

  it('remembers what Sync said, so a Sync outage mid-window does not start a flood', async () => {
    const [a, b] = [new FloodControl(now), new FloodControl(now)];
    await admit(a!, ledger);
    expect(await admit(b!, ledger)).toMatchObject({ send: false, store: 'sync' });
    sync.failWith = { status: 503, code: 20500, message: 'Service unavailable' };
    expect(await admit(b!, ledger)).toMatchObject({ send: false, store: 'memory' });
    expect(await admit(a!, ledger)).toMatchObject({ send: false, store: 'memory' });
  });

  it('still sends when the tally cannot be read, counting only this instance', async () => {
    const flood = new FloodControl(now);
    const tallyHangs = () =>
      Object.assign(Object.create(ledger()) as SyncLedger, {
        takeTally: () => new Promise<number>(() => undefined),
      });
    const decision = await flood.admit(KEY, WINDOW, tallyHangs, new TimeBudget(2000), 150);
    expect(decision).toMatchObject({ send: true, suppressed: 0, store: 'sync' });
    expect(decision.degraded).toMatch(/tally unreadable \(timed out\)/);
  });

  it('gives a window back: deleted in Sync, so the next instance alerts', async () => {
    const [a, b] = [new FloodControl(now), new FloodControl(now)];
    const decision = await admitWithClaim(a!, ledger);
    expect(decision.claim).toBeDefined();
    const returned = await a!.giveBack(decision.claim!, new TimeBudget(2000));
    expect(returned).toEqual({ store: 'sync', suppressed: 0 });
    expect(await admit(b!, ledger)).toEqual({ send: true, suppressed: 0, store: 'sync' });
  });

  it('keeps the count in memory and says so when Sync cannot take the window back', async () => {
    const flood = new FloodControl(now);
    // Another instance had suppressed 3 and written them to the tally.
    await ledger().addToTally(KEY, 3);
    const decision = await admitWithClaim(flood, ledger);
    expect(decision).toMatchObject({ send: true, suppressed: 3 });
    sync.failWith = { status: 503, code: 20500, message: 'Service unavailable' };
    const returned = await flood.giveBack(decision.claim!, new TimeBudget(2000));
    expect(returned.suppressed).toBe(3);
    expect(returned.degraded).toMatch(
      /^Sync window not deleted \(.*HTTP 503.*\): it suppresses until it expires; Sync tally not restored/,
    );
    // Sync still says "open": suppressed, but the count lives on here for the next alert.
    sync.failWith = undefined;
    expect(await admit(flood, ledger)).toMatchObject({ send: false, store: 'sync' });
    clock += WINDOW * 1000;
    expect(await admit(flood, ledger)).toEqual({ send: true, suppressed: 4, store: 'sync' });
  });
});

describe('with no time left: no Sync request is started', () => {
  const LIMIT_MS = 100;
  let budgetClock = 0;
  let calls: string[];

  /** A ledger that records which Sync steps were started; opening costs the whole share. */
  function ledgerThat(windowOpened: boolean) {
    return () => {
      calls.push('open-ledger');
      return Object.assign(Object.create(SyncLedger.prototype) as SyncLedger, {
        openWindow: () => {
          calls.push('openWindow');
          budgetClock += LIMIT_MS;
          return Promise.resolve(windowOpened);
        },
        takeTally: () => {
          calls.push('takeTally');
          return Promise.resolve(7);
        },
        addToTally: (_key: string, count: number) => {
          calls.push(`addToTally ${count}`);
          return Promise.resolve(true);
        },
      });
    };
  }

  beforeEach(() => {
    budgetClock = 0;
    calls = [];
  });

  it.each([
    [
      'no share for Sync at all',
      { limitMs: 0, spentMs: 0, windowOpened: true },
      [],
      { send: true, suppressed: 0, store: 'memory', degraded: /no time left/ },
    ],
    [
      'the whole budget already spent',
      { limitMs: LIMIT_MS, spentMs: 1000, windowOpened: true },
      [],
      { send: true, suppressed: 0, store: 'memory', degraded: /no time left/ },
    ],
    [
      'the share spent opening the window (tally not read)',
      { limitMs: LIMIT_MS, spentMs: 0, windowOpened: true },
      ['open-ledger', 'openWindow'],
      { send: true, suppressed: 0, store: 'sync', degraded: /tally unreadable \(no time left\)/ },
    ],
    [
      'the share spent learning the window is open (tally not written)',
      { limitMs: LIMIT_MS, spentMs: 0, windowOpened: false },
      ['open-ledger', 'openWindow'],
      {
        send: false,
        suppressed: 1,
        store: 'sync',
        degraded: /tally not updated \(no time left\); kept for later/,
      },
    ],
  ])('%s', async (_label, { limitMs, spentMs, windowOpened }, started, decision) => {
    const flood = new FloodControl(now);
    const budget = new TimeBudget(1000, () => budgetClock);
    budgetClock += spentMs;
    const result = await flood.admit(KEY, WINDOW, ledgerThat(windowOpened), budget, limitMs);
    expect(calls).toEqual(started);
    expect(withoutClaim(result)).toEqual({
      ...decision,
      degraded: expect.stringMatching(decision.degraded),
    });
  });

  it('keeps a skipped flush due, and writes the whole count once there is time', async () => {
    const flood = new FloodControl(now);
    const admitWithBudget = () =>
      flood.admit(
        KEY,
        WINDOW,
        ledgerThat(false),
        new TimeBudget(1000, () => budgetClock),
        LIMIT_MS,
      );
    await admitWithBudget(); // suppressed; the open took the whole share: flush skipped
    calls = [];
    const openWithoutCost = () =>
      Object.assign(ledgerThat(false)(), {
        openWindow: () => Promise.resolve(false),
      });
    const decision = await flood.admit(
      KEY,
      WINDOW,
      openWithoutCost,
      new TimeBudget(1000, () => budgetClock),
      LIMIT_MS,
    );
    expect(calls).toEqual(['open-ledger', 'addToTally 2']);
    expect(decision).toEqual({ send: false, suppressed: 0, store: 'sync' });
  });
});
