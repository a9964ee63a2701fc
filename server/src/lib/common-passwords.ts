/**
 * The most common passwords, from @zxcvbn-ts/language-common (MIT): 49,000 passwords ordered by how often
 * they appear in breach corpora, the list the zxcvbn-ts strength estimator uses. Read once, on first use.
 */
let list: Set<string> | undefined;

export async function loadCommonPasswords(): Promise<(lowerCased: string) => boolean> {
  if (!list) {
    const { dictionary } = await import('@zxcvbn-ts/language-common');
    const words = dictionary['passwords-common'];
    if (!Array.isArray(words) || words.length < 10_000)
      throw new Error('The list of common passwords did not load');
    list = new Set(words.map((w) => String(w).toLowerCase()));
  }
  const set = list;
  return (word) => set.has(word);
}
