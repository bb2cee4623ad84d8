/**
 * The failover-wait measurement the benchmark uses. The time budget is the product
 * behaviour here (how long a caller hears silence), so the wait is checked against
 * the read timeout it must respect.
 */
import { measureHungPrimaryFailover } from '../../../tools/emulator/failover-wait';
import { STAND_IN_FALLBACK_TWIML } from '../../../tools/emulator/loopback-servers';

it('waits for the read timeout on a hung primary, then reaches the fallback', async () => {
  const wait = await measureHungPrimaryFailover({ overrides: { ct: 500, rt: 250, tt: 1000 } });
  expect(wait.fragment).toBe('ct=500&rt=250&tt=1000');
  expect(wait.errorCode).toBe(11205);
  expect(wait.report.attempts[0]?.failure).toBe('read-timeout');
  expect(wait.primaryGiveUpMs).toBeGreaterThanOrEqual(245);
  expect(wait.waitMs).toBeGreaterThanOrEqual(wait.primaryGiveUpMs);
  expect(wait.report.callerGets).toBe('fallback-twiml');
  expect(wait.report.twiml).toBe(STAND_IN_FALLBACK_TWIML);
});
