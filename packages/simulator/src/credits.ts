/**
 * The credit ledger: a hold at create (the full estimate), captured as each step completes, the rest released when a
 * run fails or is aborted. What can be spent is the balance minus active holds, which is what readiness reports.
 */
import type { Account } from './accounts';
import { iso } from './clock';
import { ApiError } from './errors';

export interface Hold {
  id: number;
  accountId: number;
  videoId: number | null;
  purpose: string;
  amount: number;
  remaining: number;
  status: 'active' | 'settled';
}

export interface LedgerEntry {
  at: string;
  account_id: number;
  video_id: number | null;
  kind: 'hold' | 'capture' | 'release';
  event: string;
  credits: number;
}

export class Ledger {
  readonly holds = new Map<number, Hold>();
  readonly entries: LedgerEntry[] = [];
  private nextHoldId = 1;

  available(account: Account): number {
    return account.balance - this.held(account.id);
  }

  held(accountId: number): number {
    let sum = 0;
    for (const h of this.holds.values()) if (h.accountId === accountId && h.status === 'active') sum += h.remaining;
    return sum;
  }

  /** Sets credits aside or throws 402 insufficient_credits; a zero hold is still recorded so capture stays uniform. */
  hold(account: Account, amount: number, videoId: number | null, purpose: string, at: number): Hold {
    const available = this.available(account);
    if (amount > available) throw insufficientCredits(amount, available);
    const hold: Hold = {
      id: this.nextHoldId++,
      accountId: account.id,
      videoId,
      purpose,
      amount,
      remaining: amount,
      status: 'active',
    };
    this.holds.set(hold.id, hold);
    this.record(at, account.id, videoId, 'hold', purpose, amount);
    return hold;
  }

  capture(account: Account, hold: Hold, credits: number, event: string, at: number): void {
    if (hold.status !== 'active' || credits <= 0) return;
    const amount = Math.min(credits, hold.remaining);
    hold.remaining -= amount;
    account.balance -= amount;
    this.record(at, account.id, hold.videoId, 'capture', event, amount);
    if (hold.remaining === 0) hold.status = 'settled';
  }

  release(hold: Hold, at: number): void {
    if (hold.status !== 'active') return;
    if (hold.remaining > 0) this.record(at, hold.accountId, hold.videoId, 'release', hold.purpose, hold.remaining);
    hold.remaining = 0;
    hold.status = 'settled';
  }

  /** Credits captured for one video (what /dashboard/videos/{id}/charges would call "used"). */
  chargedFor(videoId: number): number {
    return this.entries
      .filter((e) => e.video_id === videoId && e.kind === 'capture')
      .reduce((sum, e) => sum + e.credits, 0);
  }

  private record(
    at: number,
    accountId: number,
    videoId: number | null,
    kind: LedgerEntry['kind'],
    event: string,
    credits: number,
  ): void {
    this.entries.push({ at: iso(at), account_id: accountId, video_id: videoId, kind, event, credits });
  }
}

export function insufficientCredits(required: number, available: number): ApiError {
  return new ApiError(
    402,
    'insufficient_credits',
    `This request needs ${required} credits; ${available} are available.`,
    {
      required_credits: required,
      available_credits: available,
      credits_needed: Math.max(0, required - available),
    },
  );
}
