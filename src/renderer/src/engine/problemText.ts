/** Closes a sentence with a full stop unless it already ends with one (. ! ? … or a closing bracket after one). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || /[.!?…。]["')\]]*$/.test(trimmed)) return trimmed;
  return `${trimmed}.`;
}

/**
 * Sentences as one text, each closed and one space apart: a title and the engine's detail are
 * separate sentences ("… is not running. Nothing answers at …"), never run together.
 */
export function joinSentences(...sentences: ReadonlyArray<string | null | undefined>): string {
  return sentences
    .filter((sentence): sentence is string => Boolean(sentence?.trim()))
    .map(asSentence)
    .join(' ');
}
