/**
 * Referral rewards (分销, RULEBOOK §3.7) in time-driven runs: who referred whom, the reward table
 * paid out of each order's distribution share, member levels and agents, and the figures the
 * compliance lens reads. It lives beside the book: rewards move no cash in or out of the pool, so
 * the exact and fast books need not know of them. Amounts go through the book's arithmetic;
 * qualification (levels, agents, shareholders) compares float figures, the same in both modes.
 *
 * Order of payment within an order, each capped by what is left of the order's distribution share:
 * per-recruit bonus (a new buyer's first order), direct, indirect, level difference (级差), peer
 * level (平级), district/city/province agents, shareholder dividend pool (paid out at day end).
 */
import type { Arith } from './arith.ts';
import type { Book } from './book.ts';
import type { Rng } from './flow/rng.ts';
import type { ReferralV1 } from './scenario/index.ts';

export type RewardKind = 'perRecruit' | 'direct' | 'indirect' | 'levelDifference' | 'peer' | 'agents' | 'dividend';
export const REWARD_KINDS: RewardKind[] = ['perRecruit', 'direct', 'indirect', 'levelDifference', 'peer', 'agents', 'dividend'];

/** chains longer than this are not walked further (a guard; random trees are far shallower) */
const MAX_WALK = 10_000;

export class Referral<T> {
  private readonly A: Arith<T>;
  private cap = 1024;
  parent = new Int32Array(this.cap).fill(-1);
  depth = new Int32Array(this.cap);
  recruits = new Int32Array(this.cap);
  teamVolume = new Float64Array(this.cap);
  level = new Uint8Array(this.cap);
  district = new Int32Array(this.cap);
  income: T[] = [];
  /** preferential choice: each member once, plus once per direct recruit */
  private tickets: number[] = [];
  /** members of the network (buyers; legacy members are not in it), for the uniform choice */
  private readonly members: number[] = [];
  private readonly districts: number;
  /** agents by region: slot or -1 */
  private readonly agentOf: { district: Int32Array; city: Int32Array; province: Int32Array };
  private dividendPool: T;
  /** shareholders (personal spend at or above the dividend threshold) and their summed spend */
  private readonly shareholders: number[] = [];
  private isShareholder = new Uint8Array(this.cap);
  private shareWeight: T;
  private readonly rates: { direct: T; indirect: T; peer: T; levels: T[]; district: T; city: T; province: T; dividend: T; perRecruit: T };

  // figures for the report and the compliance lens
  referred = 0;
  paid: Record<RewardKind, T>;
  paidToday: T;
  /** rewards paid on recruits' first (joining) orders, and their count */
  paidOnJoining: T;
  joiningRewards = 0;
  /** the reward kinds paid up the chain on recruits' joining orders */
  readonly joiningKinds = new Set<RewardKind>();
  /** largest distance between a buyer and an upline paid on that buyer's order */
  maxPaidDistance = 0;
  /** reward payments, by kind */
  count: Record<RewardKind, number> = { perRecruit: 0, direct: 0, indirect: 0, levelDifference: 0, peer: 0, agents: 0, dividend: 0 };

  constructor(
    private readonly book: Book<T>,
    private readonly cfg: ReferralV1,
  ) {
    this.A = book.A;
    const A = this.A;
    const r = cfg.rewards;
    const g = r.agents?.regions ?? { provinces: 1, citiesPerProvince: 1, districtsPerCity: 1 };
    this.districts = g.provinces * g.citiesPerProvince * g.districtsPerCity;
    this.agentOf = {
      district: new Int32Array(this.districts).fill(-1),
      city: new Int32Array(g.provinces * g.citiesPerProvince).fill(-1),
      province: new Int32Array(g.provinces).fill(-1),
    };
    this.rates = {
      direct: A.of(r.direct),
      indirect: A.of(r.indirect),
      peer: A.of(r.peer),
      levels: (r.levels ?? []).map((l) => A.of(l.rate)),
      district: A.of(r.agents?.district.rate ?? 0),
      city: A.of(r.agents?.city.rate ?? 0),
      province: A.of(r.agents?.province.rate ?? 0),
      dividend: A.of(r.dividend?.rate ?? 0),
      perRecruit: A.of(r.perRecruit),
    };
    this.dividendPool = A.zero;
    this.shareWeight = A.zero;
    this.paidToday = A.zero;
    this.paidOnJoining = A.zero;
    this.paid = { perRecruit: A.zero, direct: A.zero, indirect: A.zero, levelDifference: A.zero, peer: A.zero, agents: A.zero, dividend: A.zero };
  }

  get totalPaid(): T {
    return REWARD_KINDS.reduce((s, k) => this.A.add(s, this.paid[k]), this.A.zero);
  }

  private grow(n: number): void {
    if (n < this.cap) return;
    let cap = this.cap;
    while (cap <= n) cap *= 2;
    const i32 = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(cap).fill(fill);
      b.set(a);
      return b;
    };
    this.parent = i32(this.parent, -1);
    this.depth = i32(this.depth);
    this.recruits = i32(this.recruits);
    this.district = i32(this.district);
    const tv = new Float64Array(cap);
    tv.set(this.teamVolume);
    this.teamVolume = tv;
    const lv = new Uint8Array(cap);
    lv.set(this.level);
    this.level = lv;
    const sh = new Uint8Array(cap);
    sh.set(this.isShareholder);
    this.isShareholder = sh;
    this.cap = cap;
  }

  /** a new buyer (slot u, just created): referred with the configured probability; a district */
  join(u: number, rng: Rng): void {
    this.grow(u);
    this.income[u] = this.A.zero;
    let p = -1;
    const n = this.members.length;
    if (n > 0 && rng.next() < this.cfg.probability) {
      p = this.cfg.choice === 'uniform' ? this.members[rng.int(n)]! : this.tickets[rng.int(this.tickets.length)]!;
    }
    this.parent[u] = p;
    if (p >= 0) {
      this.referred++;
      this.depth[u] = this.depth[p]! + 1;
      this.recruits[p] = this.recruits[p]! + 1;
      this.district[u] = this.district[p]!;
      this.tickets.push(p);
    } else {
      this.district[u] = this.districts > 1 ? rng.int(this.districts) : 0;
    }
    this.tickets.push(u);
    this.members.push(u);
  }

  private pay(to: number, amount: T, kind: RewardKind, left: { v: T }, distance: number, joining: boolean): void {
    const A = this.A;
    if (to < 0 || A.isZero(left.v) || A.isZero(amount) || A.isNeg(amount)) return;
    const x = A.cmp(amount, left.v) > 0 ? left.v : amount;
    left.v = A.sub(left.v, x);
    this.income[to] = A.add(this.income[to]!, x);
    this.paid[kind] = A.add(this.paid[kind], x);
    this.paidToday = A.add(this.paidToday, x);
    this.count[kind]++;
    if (joining) {
      this.paidOnJoining = A.add(this.paidOnJoining, x);
      this.joiningRewards++;
      this.joiningKinds.add(kind);
    }
    if (distance > this.maxPaidDistance) this.maxPaidDistance = distance;
  }

  /** the level a user qualifies for now (levels only go up) */
  private requalify(a: number): void {
    const levels = this.cfg.rewards.levels;
    if (!levels) return;
    let lv = this.level[a]!;
    const spend = this.A.num(this.book.spentOf(a));
    while (lv < levels.length) {
      const next = levels[lv]!;
      if (spend < next.minPersonalSpend || this.teamVolume[a]! < next.minTeamVolume || this.recruits[a]! < next.minRecruits) break;
      lv++;
    }
    this.level[a] = lv;
  }

  private agentCheck(a: number): void {
    const ag = this.cfg.rewards.agents;
    if (!ag) return;
    const d = this.district[a]!;
    const g = ag.regions;
    const city = Math.floor(d / g.districtsPerCity);
    const province = Math.floor(city / g.citiesPerProvince);
    const tv = this.teamVolume[a]!;
    if (this.agentOf.district[d] === -1 && tv >= ag.district.minTeamVolume) this.agentOf.district[d] = a;
    if (this.agentOf.city[city] === -1 && tv >= ag.city.minTeamVolume) this.agentOf.city[city] = a;
    if (this.agentOf.province[province] === -1 && tv >= ag.province.minTeamVolume) this.agentOf.province[province] = a;
  }

  /** an order of `amount` by user u (first: the user's joining order): pay the reward table */
  order(u: number, amount: number, first: boolean): void {
    const A = this.A;
    const amt = A.of(amount);
    const left = { v: A.mul(amt, this.book.rulesNow.distributionShare) };
    const r = this.rates;
    const p = this.parent[u]!;
    // a recruit's joining order: rewards up the chain on it are income for bringing someone in
    const joining = first && p >= 0;

    if (joining) this.pay(p, r.perRecruit, 'perRecruit', left, 1, true);
    if (p >= 0) this.pay(p, A.mul(amt, r.direct), 'direct', left, 1, joining);
    const gp = p >= 0 ? this.parent[p]! : -1;
    if (gp >= 0) this.pay(gp, A.mul(amt, r.indirect), 'indirect', left, 2, joining);

    // walk the chain once: team volume, requalification, level difference and peer level
    this.requalify(u);
    this.agentCheck(u);
    // level difference: an upline is paid its level's rate less the highest rate already paid below
    // it in this chain (never a negative amount); peer level: the first upline above the last payee
    // at that payee's level
    let paidRate = A.zero;
    let paidLevel = 0;
    let peerPaid = false;
    const levelled = r.levels.length > 0;
    for (let a = p, dist = 1; a >= 0 && dist <= MAX_WALK; a = this.parent[a]!, dist++) {
      this.teamVolume[a] = this.teamVolume[a]! + amount;
      this.requalify(a);
      this.agentCheck(a);
      if (!levelled) continue;
      const lv = this.level[a]!;
      if (lv === 0) continue;
      const rate = r.levels[lv - 1]!;
      if (A.cmp(rate, paidRate) > 0) {
        this.pay(a, A.mul(amt, A.sub(rate, paidRate)), 'levelDifference', left, dist, joining);
        paidRate = rate;
        paidLevel = lv;
        peerPaid = false;
      } else if (lv === paidLevel && !peerPaid) {
        this.pay(a, A.mul(amt, r.peer), 'peer', left, dist, joining);
        peerPaid = true;
      }
    }

    // regional agents of the buyer's district, city and province
    const ag = this.cfg.rewards.agents;
    if (ag) {
      const d = this.district[u]!;
      const city = Math.floor(d / ag.regions.districtsPerCity);
      const province = Math.floor(city / ag.regions.citiesPerProvince);
      for (const [who, rate] of [
        [this.agentOf.district[d]!, r.district],
        [this.agentOf.city[city]!, r.city],
        [this.agentOf.province[province]!, r.province],
      ] as const) {
        if (who >= 0 && who !== u) this.pay(who, A.mul(amt, rate), 'agents', left, Math.max(1, this.depth[u]! - this.depth[who]!), false);
      }
    }

    // the shareholders' dividend pool, shared out at the end of the day
    const dv = this.cfg.rewards.dividend;
    if (dv) {
      if (this.isShareholder[u]) this.shareWeight = A.add(this.shareWeight, amt);
      else if (A.num(this.book.spentOf(u)) >= dv.minPersonalSpend) {
        this.isShareholder[u] = 1;
        this.shareholders.push(u);
        this.shareWeight = A.add(this.shareWeight, this.book.spentOf(u));
      }
      const x = A.mul(amt, r.dividend);
      const take = A.cmp(x, left.v) > 0 ? left.v : x;
      left.v = A.sub(left.v, take);
      this.dividendPool = A.add(this.dividendPool, take);
    }
  }

  /** end of day: the dividend pool to shareholders weighted by personal spend; what no one qualifies for is kept */
  endDay(): void {
    const A = this.A;
    const dv = this.cfg.rewards.dividend;
    if (dv && !A.isZero(this.dividendPool)) {
      const holders = this.shareholders;
      const weight = this.shareWeight;
      if (holders.length > 0 && !A.isZero(weight)) {
        const pool = this.dividendPool;
        let given = A.zero;
        for (let i = 0; i < holders.length; i++) {
          const u = holders[i]!;
          // the last shareholder takes what is left, so that the shares never add up to more than the pool
          const share = i === holders.length - 1 ? A.sub(pool, given) : A.div(A.mul(pool, this.book.spentOf(u)), weight);
          given = A.add(given, share);
          this.income[u] = A.add(this.income[u]!, share);
          this.paid.dividend = A.add(this.paid.dividend, share);
          this.paidToday = A.add(this.paidToday, share);
          this.count.dividend++;
        }
      }
      // with no shareholder yet the day's dividend pool is not paid: it stays with the platform
      this.dividendPool = A.zero;
    }
  }

  /** the organisation: the largest tree under one root, its members and its levels (depth) */
  organisation(): { largestSize: number; largestLevels: number; roots: number; maxDepth: number; atThreshold: { size: number; levels: number } | null } {
    const n = this.book.userCount;
    const root = new Int32Array(n);
    const size = new Map<number, number>();
    const levels = new Map<number, number>();
    let maxDepth = 0;
    for (let u = 0; u < n; u++) {
      // parents come before children (slots are created in order), so a root is already known
      const p = this.parent[u]!;
      root[u] = p < 0 ? u : root[p]!;
      const r = root[u]!;
      size.set(r, (size.get(r) ?? 0) + 1);
      const lv = this.depth[u]! - this.depth[r]! + 1;
      if (lv > (levels.get(r) ?? 0)) levels.set(r, lv);
      if (this.depth[u]! > maxDepth) maxDepth = this.depth[u]!;
    }
    let largestSize = 0;
    let largestLevels = 0;
    /** the largest organisation of 30 or more members in 3 or more levels, if any */
    let atThreshold: { size: number; levels: number } | null = null;
    for (const [r, s] of size) {
      const lv = levels.get(r) ?? 0;
      if (s > largestSize || (s === largestSize && lv > largestLevels)) {
        largestSize = s;
        largestLevels = lv;
      }
      if (s >= 30 && lv >= 3 && (atThreshold === null || s > atThreshold.size)) atThreshold = { size: s, levels: lv };
    }
    return { largestSize, largestLevels, roots: size.size, maxDepth, atThreshold };
  }
}
