import { MAX_UID_LENGTH, UID_PATTERN, dashboardUid } from '../../src/dashboards';

describe('dashboardUid', () => {
  it('is the construct path as a slug when it fits', () => {
    expect(dashboardUid('rlm-hypervisor/operations')).toBe('rlm-hypervisor-operations');
    expect(dashboardUid('Shop/Checkout_Latency')).toBe('shop-checkout-latency');
  });

  it('is deterministic', () => {
    expect(dashboardUid('a/b/c')).toBe(dashboardUid('a/b/c'));
  });

  it('keeps within 40 characters with a hash of the whole path when the path is long', () => {
    const long = 'platform-team-production-cluster/checkout-service/latency-and-errors-overview';
    const uid = dashboardUid(long);
    expect(uid.length).toBeLessThanOrEqual(MAX_UID_LENGTH);
    expect(uid).toMatch(/^platform-team-production-cluste-[0-9a-f]{8}$/);
    expect(uid).toMatch(UID_PATTERN);
    // Two long paths sharing their first 40 characters still differ.
    expect(dashboardUid(`${long}-2`)).not.toBe(uid);
  });

  it('gives a valid uid for any path', () => {
    for (const p of ['', '///', 'ä/ö', 'x'.repeat(200), 'a b c']) {
      const uid = dashboardUid(p);
      expect(uid.length).toBeGreaterThan(0);
      expect(uid.length).toBeLessThanOrEqual(MAX_UID_LENGTH);
      expect(uid).toMatch(UID_PATTERN);
    }
  });
});
