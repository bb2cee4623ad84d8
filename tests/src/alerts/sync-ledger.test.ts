/**
 * The Sync calls flood control makes, through the real twilio-node client:
 * against Prism serving Twilio's Sync OpenAPI file (the calls honour the contract),
 * and against the stateful stand-in built on the same file (what the answers mean:
 * 409 already alerted, 404 no map yet, 412 a concurrent tally update).
 */
import {
  ALERT_MAP_NAME,
  isAlreadyExists,
  isNotFound,
  SyncLedger,
  TALLY_TTL_SECONDS,
} from '../../../src/alerts/sync-ledger';
import { startSyncMapStandIn, type RunningSyncStandIn } from '../../support/sync-map-stand-in';
import {
  loopbackTwilioClient,
  startPrism,
  type RunningPrism,
} from '../../support/twilio-api-stand-in';

const SERVICE = 'IS' + 'a'.repeat(32);

describe('Sync error classification', () => {
  it.each([
    ['HTTP 404 no such map', { status: 404, code: 54200 }, true, false],
    ['HTTP 404 no such item', { status: 404, code: 54201 }, true, false],
    ['error 54200 alone', { code: 54200 }, true, false],
    ['error 54201 alone', { code: 54201 }, true, false],
    ['HTTP 409 already exists', { status: 409, code: 54208 }, false, true],
    ['HTTP 503', { status: 503, code: 20500 }, false, false],
    ['not an error object', 'boom', false, false],
  ])('%s', (_label, error, notFound, alreadyExists) => {
    expect([isNotFound(error), isAlreadyExists(error)]).toEqual([notFound, alreadyExists]);
  });
});

describe('against Prism (Twilio’s Sync contract)', () => {
  let prism: RunningPrism;
  beforeAll(async () => {
    prism = await startPrism('sync.twilio.com');
  });
  afterAll(() => prism.close());

  it('makes only calls the contract accepts, for every ledger operation', async () => {
    const { client, http } = loopbackTwilioClient({ 'sync.twilio.com': prism.baseUrl });
    const ledger = new SyncLedger(client.sync.v1.services(SERVICE));
    await expect(ledger.openWindow('11200@app.example.com', 300, 1_700_000_000_000)).resolves.toBe(
      true,
    );
    await expect(ledger.closeWindow('11200@app.example.com')).resolves.toBeUndefined();
    await expect(ledger.addToTally('11200@app.example.com', 3)).resolves.toBe(true);
    await expect(ledger.takeTally('11200@app.example.com')).resolves.toBe(0); // Prism's example data is {}
    await client.sync.v1.services(SERVICE).syncMaps.create({ uniqueName: ALERT_MAP_NAME });
    await client.sync.v1
      .services(SERVICE)
      .syncMaps(ALERT_MAP_NAME)
      .syncMapItems('tally:11200@app.example.com')
      .update({ data: { suppressed: 4 }, ifMatch: 'revision', itemTtl: TALLY_TTL_SECONDS });

    const base = `${prism.baseUrl}/v1/Services/${SERVICE}/Maps`;
    expect(http.sent.map(({ method, url, data }) => [method, url, data])).toEqual([
      [
        'POST',
        `${base}/${ALERT_MAP_NAME}/Items`,
        { Key: 'window:11200@app.example.com', Data: '{"openedAt":1700000000000}', ItemTtl: 300 },
      ],
      ['DELETE', `${base}/${ALERT_MAP_NAME}/Items/window:11200@app.example.com`, {}],
      [
        'POST',
        `${base}/${ALERT_MAP_NAME}/Items`,
        { Key: 'tally:11200@app.example.com', Data: '{"suppressed":3}', ItemTtl: 86400 },
      ],
      ['GET', `${base}/${ALERT_MAP_NAME}/Items/tally:11200@app.example.com`, {}],
      ['DELETE', `${base}/${ALERT_MAP_NAME}/Items/tally:11200@app.example.com`, {}],
      ['POST', base, { UniqueName: ALERT_MAP_NAME }],
      [
        'POST',
        `${base}/${ALERT_MAP_NAME}/Items/tally:11200@app.example.com`,
        { Data: '{"suppressed":4}', ItemTtl: 86400 },
      ],
    ]);
    expect(prism.output()).not.toContain('did not pass the validation rules');
  });

  it('fails a call that breaks the contract (Prism answers 422), as the stand-in does', async () => {
    const standIn = await startSyncMapStandIn({ maps: [ALERT_MAP_NAME] });
    try {
      for (const baseUrl of [prism.baseUrl, standIn.baseUrl]) {
        const { client } = loopbackTwilioClient({ 'sync.twilio.com': baseUrl });
        const response = await client.request({
          method: 'post',
          uri: `https://sync.twilio.com/v1/Services/${SERVICE}/Maps/${ALERT_MAP_NAME}/Items`,
          data: { Key: 'k', ItemTtl: 'soon' }, // no Data, and a TTL that is not a number
        });
        expect([baseUrl, response.statusCode]).toEqual([baseUrl, 422]);
      }
      expect(standIn.requests[0]?.violation).toMatch(/Data|ItemTtl/);
    } finally {
      await standIn.close();
    }
  });
});

describe('against the stateful stand-in (what the answers mean)', () => {
  let clock = 1_700_000_000_000;
  const now = () => clock;
  let standIn: RunningSyncStandIn;
  afterEach(() => standIn.close());

  function ledger(): SyncLedger {
    const { client } = loopbackTwilioClient({ 'sync.twilio.com': standIn.baseUrl });
    return new SyncLedger(client.sync.v1.services(SERVICE));
  }

  it.each([20404, 54200])(
    'creates the missing map (404, error %p) and retries the item once',
    async (code) => {
      standIn = await startSyncMapStandIn({ now, mapNotFoundCode: code });
      await expect(ledger().openWindow('11200@a.example.com', 300, clock)).resolves.toBe(true);
      expect(standIn.requests.map((r) => [r.method, r.operation, r.status])).toEqual([
        ['POST', '/v1/Services/{ServiceSid}/Maps/{MapSid}/Items', 404],
        ['POST', '/v1/Services/{ServiceSid}/Maps', 201],
        ['POST', '/v1/Services/{ServiceSid}/Maps/{MapSid}/Items', 201],
      ]);
      expect(standIn.requests[1]?.form).toEqual({ UniqueName: ALERT_MAP_NAME });
    },
  );

  it('treats "already exists" (409, 54208) as already alerted, until the item TTL expires', async () => {
    standIn = await startSyncMapStandIn({ now, maps: [ALERT_MAP_NAME] });
    const instanceA = ledger();
    const instanceB = ledger();
    await expect(instanceA.openWindow('11200@a.example.com', 300, clock)).resolves.toBe(true);
    await expect(instanceB.openWindow('11200@a.example.com', 300, clock)).resolves.toBe(false);
    await expect(instanceB.openWindow('11205@a.example.com', 300, clock)).resolves.toBe(true);
    await expect(instanceB.openWindow('11200@b.example.com', 300, clock)).resolves.toBe(true);
    expect(standIn.requests.map((r) => r.status)).toEqual([201, 409, 201, 201]);
    clock += 300_000;
    await expect(instanceB.openWindow('11200@a.example.com', 300, clock)).resolves.toBe(true);
  });

  it('closes a window (an undelivered alert gives it back): the next open succeeds', async () => {
    standIn = await startSyncMapStandIn({ now, maps: [ALERT_MAP_NAME] });
    const instance = ledger();
    await expect(instance.openWindow('11200@a.example.com', 300, clock)).resolves.toBe(true);
    await expect(instance.closeWindow('11200@a.example.com')).resolves.toBeUndefined();
    await expect(instance.openWindow('11200@a.example.com', 300, clock)).resolves.toBe(true);
    // Already gone (expired, or closed by another attempt) is fine.
    await expect(instance.closeWindow('11205@a.example.com')).resolves.toBeUndefined();
    expect(standIn.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 201],
      ['DELETE', 204],
      ['POST', 201],
      ['DELETE', 404],
    ]);
  });

  it('adds to the tally, reads it once and clears it', async () => {
    standIn = await startSyncMapStandIn({ now, maps: [ALERT_MAP_NAME] });
    const instance = ledger();
    await expect(instance.addToTally('k', 2)).resolves.toBe(true);
    await expect(instance.addToTally('k', 5)).resolves.toBe(true);
    expect(standIn.items(ALERT_MAP_NAME).get('tally:k')?.data).toEqual({ suppressed: 7 });
    const update = standIn.requests.find(
      (r) => r.method === 'POST' && r.key === 'tally:k' && r.ifMatch,
    );
    expect(update).toMatchObject({ status: 200, form: { Data: '{"suppressed":7}' } });
    await expect(instance.takeTally('k')).resolves.toBe(7);
    await expect(instance.takeTally('k')).resolves.toBe(0);
  });

  it('never loses or double-counts a tally under concurrent instances (412 → kept for later)', async () => {
    standIn = await startSyncMapStandIn({ now, maps: [ALERT_MAP_NAME] });
    const instances = Array.from({ length: 6 }, () => ledger());
    const results = await Promise.all(
      instances.flatMap((instance) =>
        [1, 2, 3].map((count) => instance.addToTally('k', count).then((ok) => (ok ? count : 0))),
      ),
    );
    const accepted = results.reduce((sum, count) => sum + count, 0);
    expect(standIn.items(ALERT_MAP_NAME).get('tally:k')?.data).toEqual({ suppressed: accepted });
    expect(accepted).toBeGreaterThan(0);
  });

  it('rejects on any other Sync failure, for flood control to fall back on memory', async () => {
    standIn = await startSyncMapStandIn({ now, maps: [ALERT_MAP_NAME] });
    standIn.failWith = { status: 503, code: 20500, message: 'Service unavailable' };
    await expect(ledger().openWindow('k', 300, clock)).rejects.toMatchObject({ status: 503 });
  });
});
