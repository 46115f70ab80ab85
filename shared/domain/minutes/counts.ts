// The numbers vote rules work with: members expected/present, the base of "all members", and tallies.
import type { Attendee, Meeting, Resolution, Settings, Vote } from './types';

/** 应到 = attendees with role 'member'; 实到 = those present. */
export const isMember = (a: Attendee): boolean => a.role === 'member';
export const isPresentMember = (a: Attendee): boolean => a.role === 'member' && a.status === 'present';

export type MemberCounts = {
  /** 应到: attendees with role 'member'. */
  expected: number;
  /** 实到: members present. */
  present: number;
  /** 全体成员: meeting.totalMembers, else (业委会) settings.ownersCommitteeSize, else `expected`. */
  all: number;
};

/** V5 */
export function memberCounts(meeting: Meeting, settings?: Pick<Settings, 'ownersCommitteeSize'>): MemberCounts {
  let expected = 0;
  let present = 0;
  for (const a of meeting.attendees) {
    if (!isMember(a)) continue;
    expected += 1;
    if (a.status === 'present') present += 1;
  }
  const fromSettings = meeting.type === 'owners_committee' ? settings?.ownersCommitteeSize : undefined;
  return { expected, present, all: meeting.totalMembers ?? fromSettings ?? expected };
}

/** 业主大会 totals: the meeting's copy, else the compound settings. */
export function assemblyTotals(
  meeting: Meeting,
  settings?: Pick<Settings, 'totalAreaDm2' | 'totalOwners'>,
): { totalAreaDm2: number | undefined; totalOwners: number | undefined } {
  return {
    totalAreaDm2: meeting.totalAreaDm2 ?? settings?.totalAreaDm2,
    totalOwners: meeting.totalOwners ?? settings?.totalOwners,
  };
}

export type Tally = {
  yes: number;
  no: number;
  abstain: number;
  /** 业主大会: area (dm²) behind each choice; null for other meetings. */
  area: { yes: number; no: number; abstain: number } | null;
};

/**
 * V6: tallies from the counts, or from the roll call (one entry per present member; entries that do not name a
 * present member are left out here and reported by validateResolutionVote). Missing counts are 0.
 */
export function tallyOf(meeting: Meeting, vote: Vote): Tally {
  const withArea = meeting.type === 'owners_assembly';
  if (vote.method === 'roll_call') {
    const byId = new Map(meeting.attendees.map((a) => [a.id, a] as const));
    const seen = new Set<string>();
    const t = { yes: 0, no: 0, abstain: 0 };
    const area = { yes: 0, no: 0, abstain: 0 };
    for (const e of vote.rollCall ?? []) {
      const a = byId.get(e.attendeeId);
      if (!a || !isPresentMember(a) || seen.has(e.attendeeId)) continue;
      seen.add(e.attendeeId);
      t[e.choice] += 1;
      area[e.choice] += a.areaDm2 ?? 0;
    }
    return { ...t, area: withArea ? area : null };
  }
  return {
    yes: vote.yes ?? 0,
    no: vote.no ?? 0,
    abstain: vote.abstain ?? 0,
    area: withArea ? { yes: vote.yesAreaDm2 ?? 0, no: vote.noAreaDm2 ?? 0, abstain: vote.abstainAreaDm2 ?? 0 } : null,
  };
}

/**
 * V16: 业主大会: the owners and area one 表决事项 is decided against: its own participation where it records one
 * (owners left, or abstained from this item), else the meeting's. Each part falls back on its own.
 */
export function participationOf(
  meeting: Pick<Meeting, 'participatingOwners' | 'participatingAreaDm2'>,
  resolution?: Pick<Resolution, 'participatingOwners' | 'participatingAreaDm2'>,
): { owners: number | undefined; areaDm2: number | undefined } {
  return {
    owners: resolution?.participatingOwners ?? meeting.participatingOwners,
    areaDm2: resolution?.participatingAreaDm2 ?? meeting.participatingAreaDm2,
  };
}

/** The owners present at a roll-call 业主大会 (members marked present) and the area they hold (missing areas as 0). */
export function presentOwners(meeting: Pick<Meeting, 'attendees'>): { owners: number; areaDm2: number; missingArea: number } {
  let owners = 0;
  let areaDm2 = 0;
  let missingArea = 0;
  for (const a of meeting.attendees) {
    if (!isPresentMember(a)) continue;
    owners += 1;
    if (a.areaDm2 === undefined) missingArea += 1;
    else areaDm2 += a.areaDm2;
  }
  return { owners, areaDm2, missingArea };
}
