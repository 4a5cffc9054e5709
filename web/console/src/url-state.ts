/** The question in the address bar (`/?q=…`), so an answer can be shared and bookmarked. */
export function questionFromUrl(): string {
  return new URL(location.href).searchParams.get('q')?.trim() ?? '';
}

/**
 * Writes the question to the URL: a new history entry for a new question (Back returns to the
 * previous one), a replacement when it is the one already shown (asking again).
 */
export function writeQuestionToUrl(question: string): void {
  const url = new URL(location.href);
  const same = url.searchParams.get('q') === question;
  url.searchParams.set('q', question);
  if (same) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}
