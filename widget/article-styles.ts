// Typography for the server's sanitized article HTML, scoped to the article inside the shadow root.
import { css } from 'lit';

export const articleStyles = css`
  article h3 { margin: 10px 0 4px; font-size: 1.3333em; font-weight: 700; line-height: 1.3; }
  .content { line-height: 1.6; overflow-wrap: anywhere; }
  .content h2 { margin: 1.3em 0 0.4em; font-size: 1.1333em; line-height: 1.35; }
  .content h3, .content h4 { margin: 1.2em 0 0.3em; font-size: 1em; }
  .content p { margin: 0.6em 0; }
  .content ul, .content ol { margin: 0.6em 0; padding-left: 1.4em; }
  .content ul { list-style: disc; }
  .content ol { list-style: decimal; }
  .content li { margin: 0.3em 0; }
  .content a { color: var(--atiende-accent); text-decoration: underline; text-underline-offset: 2px; }
  .content img { max-width: 100%; height: auto; border-radius: 8px; }
  .content code {
    padding: 1px 5px; border-radius: 4px; background: var(--atiende-surface);
    font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace; font-size: 0.9em;
  }
  .content pre { white-space: pre-wrap; padding: 10px 12px; border-radius: 8px; background: var(--atiende-surface); }
  .content pre code { padding: 0; }
  .content blockquote {
    margin: 0.8em 0; padding: 2px 0 2px 14px; border-left: 3px solid var(--atiende-accent); color: var(--atiende-muted-text);
  }
  .content table { width: 100%; margin: 0.8em 0; border-collapse: collapse; font-size: 0.9em; }
  .content th, .content td { padding: 6px 8px; border: 1px solid var(--atiende-border); text-align: left; vertical-align: top; }
  .content th { background: var(--atiende-surface); font-weight: 600; }
  .content hr { border: 0; border-top: 1px solid var(--atiende-border); margin: 1.2em 0; }
`;
