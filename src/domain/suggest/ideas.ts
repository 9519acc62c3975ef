/**
 * Steps that come from what I know about a person rather than from a flag: concrete gifts
 * (share-resource, offer-review), the next rung of the ladder (deepen) and plain upkeep
 * (maintain). Each is free, cheap for me and asks nothing of them.
 */
import { formatDay } from '../dates.js';
import { BUSINESS_QUIET_DAYS } from '../review/facts.js';
import { expectedRhythm } from '../review/rhythm.js';
import type { ReviewThresholds } from '../review/thresholds.js';
import { contentTerms, stem } from '../text-match.js';
import type { Day } from '../types.js';
import type { ContactView } from './context.js';
import type { GiftIdea } from './from-flags.js';
import type { Introduction } from './introduce.js';
import { KIND_WEIGHTS, SEVERITY_URGENCY, bandScore, sharedPosition } from './score.js';
import { formatLogCommand, oneLine, shellQuote } from './shell.js';
import { makeStep, type Step, type Words } from './step.js';
import type { JournalTexts } from './texts.js';
import { plural, quoted, stageWord, whenWords } from './wording.js';

/**
 * Words that mark something a person is preparing, which I could offer to review. Compared
 * after stemming, so "drafting", "planning" and "launches" count too.
 */
export const PREPARING_WORDS: readonly string[] = [
  'draft', 'deck', 'plan', 'proposal', 'rfp', 'launch', 'pitch', 'book', 'paper', 'hiring', 'strategy',
  'roadmap', 'resume', 'cv', 'manuscript', 'grant', 'application', 'thesis', 'presentation', 'talk',
  'website', 'budget', 'report', 'essay', 'article', 'portfolio', 'spec', 'memo', 'novel', 'contract',
  'curriculum', 'course', 'keynote',
];
let preparing: ReadonlySet<string> | undefined;

/**
 * The stems of PREPARING_WORDS. Plain stems, not the matcher's concept groups: "hiring" is work
 * in preparation, a "recruiter" (same concept for introductions) is not. Stemmed on first use,
 * not when the commands' code loads.
 */
export function preparingStems(): ReadonlySet<string> {
  return (preparing ??= new Set(PREPARING_WORDS.map(stem)));
}

/**
 * True when `text` reads like something being prepared (see PREPARING_WORDS). The rules ask
 * `JournalTexts.readsLikePreparing`, the same test once per distinct text.
 */
export function readsLikePreparing(text: string): boolean {
  const stems = preparingStems();
  return contentTerms(text).some((t) => stems.has(stem(t.word)));
}

/** A need or an interest of theirs that a step is about. */
export interface Subject {
  text: string;
  from: 'need' | 'interest';
}

/**
 * The first need, else interest, that reads like work in preparation. The review offer, the
 * resource and the gift all ask for it; `stepsFor` (index.ts) finds it once per person.
 */
export function reviewSubject(view: ContactView, texts: JournalTexts): Subject | null {
  const c = view.history.contact;
  for (const need of c.needs) if (texts.readsLikePreparing(need)) return { text: need, from: 'need' };
  for (const interest of c.interests) if (texts.readsLikePreparing(interest)) return { text: interest, from: 'interest' };
  return null;
}

/**
 * What to send them: a need that no introduction answers (and that is not the review subject),
 * else their first interest.
 */
function resourceSubject(view: ContactView, intros: readonly Introduction[], review: Subject | null): Subject | null {
  const c = view.history.contact;
  const reviewed = review?.text;
  // At most INTROS_PER_CONTACT introductions: a scan, no set needed.
  const need = c.needs.find((n) => n !== reviewed && !intros.some((i) => i.needText === n));
  if (need !== undefined) return { text: need, from: 'need' };
  const interest = c.interests.find((i) => i !== reviewed);
  return interest === undefined ? null : { text: interest, from: 'interest' };
}

// Each rule below gives at most one step (else null), its score worked out now and its words
// only when asked (step.ts).

/** Offer to review what they are preparing: `subject` is their `reviewSubject`. */
export function offerReview(view: ContactView, subject: Subject | null): Step | null {
  if (view.pushAway !== null) return null;
  if (!subject) return null;
  const score = bandScore('offer-review', sharedPosition(KIND_WEIGHTS['offer-review'], 1, view.strength));
  return makeStep(view, 'offer-review', score, () => ({
    action: `Offer to review and comment on ${view.name}'s work on ${quoted(subject.text)}`,
    why: `${view.name} is working on ${quoted(subject.text)} (one of their ${subject.from === 'need' ? 'needs' : 'interests'}). `
      + 'A careful second read costs you an hour and is worth far more to them.',
    logCommand: formatLogCommand({ names: [view.name], gave: [`review:comments on ${oneLine(subject.text, 80)}`] }),
  }));
}

/** Send something useful (`resourceSubject`); `review` is their `reviewSubject`. */
export function shareResource(view: ContactView, intros: readonly Introduction[], review: Subject | null): Step | null {
  const subject = resourceSubject(view, intros, review);
  if (!subject) return null;
  const score = bandScore('share-resource', sharedPosition(KIND_WEIGHTS['share-resource'], 1, view.strength));
  return makeStep(view, 'share-resource', score, () => {
    const text = oneLine(subject.text, 80);
    const isNeed = subject.from === 'need';
    return {
      action: isNeed
        ? `Send ${view.name} something useful on ${quoted(subject.text)}: an article, a tool or a how-to`
        : `Send ${view.name} an article on ${text}`,
      why: isNeed
        ? `${view.name} mentioned needing ${quoted(subject.text)}. Something that helps, sent with no strings, shows you listened.`
        : `${view.name} is interested in ${text}. A thoughtful find on it costs you minutes and shows you listened.`,
      logCommand: formatLogCommand({ names: [view.name], channel: 'email', gave: [`resource:${isNeed ? 'something on' : 'article on'} ${text}`] }),
    };
  });
}

/**
 * When the give-first gift is an introduction, its helper's id: the best introduction, if
 * there is one, is the best gift (see `giftIdea`). Known without wording the gift.
 */
export function giftIntroWith(intros: readonly Introduction[]): number | undefined {
  return intros[0]?.helper.id;
}

/**
 * For give-first: the best thing to give this person, in order of value to them. `review` is
 * their `reviewSubject`.
 */
export function giftIdea(view: ContactView, intros: readonly Introduction[], review: Subject | null): GiftIdea | null {
  const intro = intros[0];
  if (intro) {
    return {
      phrase: `introduce them to ${intro.helper.name}, whose ${quoted(intro.offerText, 60)} fits their need ${quoted(intro.needText, 60)}`,
      gave: `intro:introduced ${view.name} to ${intro.helper.name} for ${oneLine(intro.needText, 60)}`,
      introWith: intro.helper.id,
    };
  }
  if (review) {
    return { phrase: `offer to review ${quoted(review.text, 60)}`, gave: `review:comments on ${oneLine(review.text, 60)}` };
  }
  const resource = resourceSubject(view, intros, review);
  if (resource) {
    return { phrase: `send them something useful on ${quoted(resource.text, 60)}`, gave: `resource:something on ${oneLine(resource.text, 60)}` };
  }
  return null;
}

// ---- deepen --------------------------------------------------------------------------------

interface Rung {
  action: (name: string) => string;
  /** What reaching the next stage means, for the why. */
  meaning: string;
  outsideWork: boolean;
  channel?: string;
  note: string;
}

/** The step from each stage to the next (seed 004's ladder). Stage 5 has no next rung. */
const RUNGS: readonly Rung[] = [
  {
    action: (n) => `Be friendly and helpful with ${n}: a warm word and one small, useful favour, with nothing asked back`,
    meaning: 'they like you',
    outsideWork: false,
    note: 'friendly check-in, small favour',
  },
  {
    action: (n) => `Follow up with ${n} on what you last discussed, and deliver it well and on time`,
    meaning: 'they respect your work: competence and following up earn it',
    outsideWork: false,
    channel: 'email',
    note: 'followed up',
  },
  {
    action: (n) => `Invite ${n} to something outside work, one-on-one: a game, a concert or a dinner`,
    meaning: 'they know you as a whole person, not only at work',
    outsideWork: true,
    note: 'time together outside work',
  },
  {
    action: (n) => `Include families: invite ${n} and their partner or family to a cookout, a hike or a dinner`,
    meaning: 'your lives mingle',
    outsideWork: true,
    note: 'families together',
  },
  {
    action: (n) => `Keep the intensity with ${n} whatever happens with the business: plan your next time together now`,
    meaning: 'the relationship lasts beyond any business need',
    outsideWork: true,
    note: 'time together, no business',
  },
];

/** Business given or received before, none in the last `BUSINESS_QUIET_DAYS`: the business need has ended. */
function businessWentQuiet(view: ContactView, asOf: Day): boolean {
  const last = view.facts.lastBusiness;
  return last !== null && asOf - last >= BUSINESS_QUIET_DAYS;
}

export function deepen(view: ContactView, asOf: Day): Step | null {
  if (view.pushAway !== null) return null;
  const rung = RUNGS[view.stage];
  if (!rung) return null;
  const next = view.stage + 1;
  const stalled = view.flags.find((f) => f.signal === 'stage-stalled') ?? null;
  const quiet = next === 5 && businessWentQuiet(view, asOf);
  const urgency = stalled ? 0.5 + 0.5 * SEVERITY_URGENCY[stalled.severity] : quiet ? 0.9 : 1;
  const weight = stalled || quiet ? KIND_WEIGHTS.deepenStalled : KIND_WEIGHTS.deepen;
  const score = bandScore('deepen', sharedPosition(weight, urgency, view.strength));
  return makeStep(view, 'deepen', score, () => deepenWords(view, asOf, rung, next, stalled !== null, quiet));
}

function deepenWords(view: ContactView, asOf: Day, rung: Rung, next: number, stalled: boolean, quiet: boolean): Words {
  const parts = [
    `You are at stage ${view.stage} (${stageWord(view.stage)}) with ${view.name} since ${formatDay(view.stageSince)}`
      + `${stalled ? `, ${plural(asOf - view.stageSince, 'day')} on this rung` : ''}.`,
    `The next rung, ${next} (${stageWord(next)}), is when ${rung.meaning}.`,
  ];
  if (quiet) parts.push('The business between you has gone quiet; this is exactly when most relationships fade.');
  parts.push(`Once it happens, record it with: rel stage ${shellName(view.name)} ${next}`);
  return {
    action: rung.action(view.name),
    why: parts.join(' '),
    logCommand: formatLogCommand({
      names: [view.name],
      ...(rung.channel ? { channel: rung.channel } : {}),
      outsideWork: rung.outsideWork,
      ...(view.stage === 0 ? { gave: ['favor:a small favour'] } : { note: rung.note }),
    }),
  };
}

function shellName(name: string): string {
  return shellQuote(oneLine(name, Number.POSITIVE_INFINITY));
}

// ---- maintain ------------------------------------------------------------------------------

/** Nothing flagged: keep the rhythm. Scored low (0..10) so it never crowds out a real step. */
export function maintain(view: ContactView, asOf: Day, thresholds: ReviewThresholds): Step | null {
  if (view.flags.length > 0) return null;
  return makeStep(view, 'maintain', bandScore('maintain', 0.2 + 0.8 * view.strength), () => maintainWords(view, asOf, thresholds));
}

function maintainWords(view: ContactView, asOf: Day, thresholds: ReviewThresholds): Words {
  const rhythm = expectedRhythm(view.history, asOf, thresholds);
  const last = view.facts.lastReached;
  const nextDay = last === null ? asOf : Math.max(asOf, last + rhythm.days);
  const when = nextDay <= asOf ? 'this week' : `around ${formatDay(nextDay)}`;
  const lastWords = last === null ? 'nothing logged yet' : `last contact ${whenWords(last, asOf)}`;
  return {
    action: `Keep in touch with ${view.name}: a short, friendly note ${when}`,
    why: `Nothing pressing: ${lastWords}, and your rhythm is about every ${plural(rhythm.days, 'day')}. `
      + 'Steady, ordinary contact is what keeps a good relationship good.',
    logCommand: formatLogCommand({ names: [view.name], channel: 'message' }),
  };
}
