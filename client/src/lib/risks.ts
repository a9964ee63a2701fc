import { TEXT_LIMITS } from '@ipt/shared';

/** The words of the risk scales, 1 to 5, for the raise and rescore forms. */
const LIKELIHOOD = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
const IMPACT = ['Minor', 'Moderate', 'Significant', 'Major', 'Severe'];
const options = (words: string[]) => words.map((w, i) => ({ value: String(i + 1), text: `${i + 1} – ${w}` }));

export const LIKELIHOOD_OPTIONS = options(LIKELIHOOD);
export const IMPACT_OPTIONS = options(IMPACT);

/** The risk wording fields' ids, in page order, and the API's field names for them. */
export const RISK_WORDING_FIELDS = {
  title: 'risk-title',
  owner: 'risk-owner',
  description: 'risk-description',
  mitigations: 'risk-mitigations',
} as const;

/** What is wrong with a risk's words, by field id (empty when nothing is). */
export function riskWordingProblems(form: {
  title: string;
  owner: string;
  description: string;
  mitigations: string;
}): Record<string, string> {
  const out: Record<string, string> = {};
  const title = form.title.trim();
  if (!title) out['risk-title'] = 'Enter the risk';
  else if (title.length > 200) out['risk-title'] = 'The risk must be 200 characters or fewer';
  const owner = form.owner.trim();
  if (!owner) out['risk-owner'] = 'Enter who owns the risk, for example Head of Workforce';
  else if (owner.length > 200) out['risk-owner'] = 'The owner must be 200 characters or fewer';
  for (const key of ['description', 'mitigations'] as const)
    if (form[key].length > TEXT_LIMITS.longText)
      out[RISK_WORDING_FIELDS[key]] =
        `The ${key} must be ${TEXT_LIMITS.longText.toLocaleString('en-GB')} characters or fewer`;
  return out;
}
