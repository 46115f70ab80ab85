// The notice form's input (what is typed, as strings and flags) and the notice it makes: issuers picked from
// 设置's names (党支部, 业委会, 共建理事会; several = jointly issued, the 主办 first and numbering), empty fields removed
// rather than stored empty. Pure.
import { issuerOptions } from '../../../shared/domain/notices/generate/common';
import { NOTICE_ISSUER_LABEL } from '../../../shared/domain/notices/lifecycle';
import { isPublicityKind, type NoticeField } from '../../../shared/domain/notices/issue';
import { type NoticeDoc, type NoticeIssuerKey, type NoticeKind, type SettingsDoc } from '../../../shared/schema';

export type IssuerChoice = { readonly key: NoticeIssuerKey; readonly name: string; readonly prefix: string };

type Profile = Pick<SettingsDoc, 'compoundName' | 'branchName' | 'ownersCommitteeName' | 'councilName'> | undefined;

/** The three bodies that may sign a notice, named as 设置 names them, with their default 发文机关代字. */
export function issuerChoices(settings: Profile): readonly IssuerChoice[] {
  return issuerOptions(settings ?? {});
}

export type NoticeFormInput = {
  kind: NoticeKind;
  title: string;
  issuePrefix: string;
  addressees: string;
  body: string;
  /** The bodies ticked, 主办 first. */
  issuerKeys: NoticeIssuerKey[];
  /** 落款 names on the notice that are none of 设置's (kept until unticked). */
  otherIssuers: string[];
  issueDate: string;
  postFrom: string;
  postUntil: string;
  contactName: string;
  contactPhone: string;
  /** One 附件 per line. */
  attachments: string;
  sealed: boolean;
  paper: 'A4' | 'A3';
  public: boolean;
};

export function inputOf(n: NoticeDoc, choices: readonly IssuerChoice[]): NoticeFormInput {
  const keys: NoticeIssuerKey[] = [];
  const others: string[] = [];
  for (const name of n.issuers ?? []) {
    const c = choices.find((x) => x.name === name.trim());
    if (c && !keys.includes(c.key)) keys.push(c.key);
    else if (!c && name.trim() !== '') others.push(name.trim());
  }
  // The numbering body first, whatever order the names were stored in.
  if (n.issuerKey && keys.includes(n.issuerKey)) keys.splice(0, keys.length, n.issuerKey, ...keys.filter((k) => k !== n.issuerKey));
  else if (n.issuerKey && keys.length === 0 && (n.issuers ?? []).length === 0) keys.push(n.issuerKey);
  return {
    kind: n.kind,
    title: n.title,
    issuePrefix: n.issuePrefix ?? '',
    addressees: n.addressees ?? '',
    body: n.body,
    issuerKeys: keys,
    otherIssuers: others,
    issueDate: n.issueDate ?? '',
    postFrom: n.postFrom ?? '',
    postUntil: n.postUntil ?? '',
    contactName: n.contactName ?? '',
    contactPhone: n.contactPhone ?? '',
    attachments: (n.attachmentNames ?? []).join('\n'),
    sealed: n.sealed ?? false,
    paper: n.paper ?? 'A4',
    public: n.public ?? isPublicityKind(n.kind),
  };
}

const OPTIONAL_TEXT = ['issuePrefix', 'addressees', 'issueDate', 'postFrom', 'postUntil', 'contactName', 'contactPhone'] as const;

/** The draft as the form says (bookkeeping fields untouched); the title trimmed, empty optional fields removed. */
export function applyInput(n: NoticeDoc, input: NoticeFormInput, choices: readonly IssuerChoice[]): NoticeDoc {
  const names = input.issuerKeys.map((k) => choices.find((c) => c.key === k)?.name ?? NOTICE_ISSUER_LABEL[k]);
  const next: NoticeDoc = {
    ...n,
    kind: input.kind,
    title: input.title.trim(),
    body: input.body.replace(/\r\n?/g, '\n').replace(/\s+$/, ''),
    issuers: [...names, ...input.otherIssuers],
    sealed: input.sealed,
    paper: input.paper,
    public: input.public,
  };
  for (const k of OPTIONAL_TEXT) {
    const v = input[k].trim();
    if (v === '') delete next[k];
    else next[k] = v;
  }
  const first = input.issuerKeys[0];
  if (first) next.issuerKey = first;
  else delete next.issuerKey;
  const attachments = input.attachments
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (attachments.length > 0) next.attachmentNames = attachments;
  else delete next.attachmentNames;
  return next;
}

/** The form's field names, as the notice rules name them (problem.field) → the input they point at. */
export const FIELD_OF_PROBLEM: { readonly [F in NoticeField]: keyof NoticeFormInput } = {
  title: 'title',
  body: 'body',
  issuers: 'issuerKeys',
  issuePrefix: 'issuePrefix',
  issueDate: 'issueDate',
  postFrom: 'postFrom',
  postUntil: 'postUntil',
  contactPhone: 'contactPhone',
  addressees: 'addressees',
  attachmentNames: 'attachments',
  tables: 'body',
};
