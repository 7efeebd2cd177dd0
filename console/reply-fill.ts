// Fills a saved reply's fields: {name}, {email}, {agent}. A field with no value is dropped with the space
// before it ("Hola {name}," → "Hola,"); an unknown field stays as written, so the agent sees it before sending.
export interface ReplyValues {
  name?: string | null;
  email?: string | null;
  agent?: string | null;
}

export const REPLY_FIELDS = ['name', 'email', 'agent'] as const;

export function fillReply(template: string, values: ReplyValues): string {
  return template.replace(/( ?)\{(\w+)\}/g, (whole, space: string, field: string) => {
    if (!(REPLY_FIELDS as readonly string[]).includes(field)) return whole;
    const value = values[field as keyof ReplyValues]?.trim();
    return value ? `${space}${value}` : '';
  });
}
