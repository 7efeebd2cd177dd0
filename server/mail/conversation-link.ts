// The address that opens one conversation: the help centre, which shows it only to whoever proves it
// is theirs (their visitor token, or a verified identity), and nothing to anyone else.
export function conversationLink(publicUrl: string, conversationId: string, locale?: string): string {
  const params = new URLSearchParams({ conversation: conversationId, ...(locale ? { locale } : {}) });
  return `${publicUrl.replace(/\/$/, '')}/help?${params}`;
}
