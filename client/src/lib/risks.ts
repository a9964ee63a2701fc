/** The words of the risk scales, 1 to 5, for the raise and rescore forms. */
const LIKELIHOOD = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'];
const IMPACT = ['Minor', 'Moderate', 'Significant', 'Major', 'Severe'];
const options = (words: string[]) => words.map((w, i) => ({ value: String(i + 1), text: `${i + 1} – ${w}` }));

export const LIKELIHOOD_OPTIONS = options(LIKELIHOOD);
export const IMPACT_OPTIONS = options(IMPACT);
