// The console's look: colour and shape tokens (declared once on <atiende-console> and inherited by
// every view) and the base rules each component's shadow root starts from.
import { css } from 'lit';

export const tokens = css`
  :host {
    --console-accent: #1d4ed8;
    --console-accent-hover: #1e40af;
    --console-accent-soft: #e8eefc;
    --console-accent-text: #ffffff;
    --console-text: #1c2433;
    --console-muted: #556070;
    --console-background: #f4f6fa;
    --console-surface: #ffffff;
    --console-subtle: #f8f9fc;
    --console-border: #dde2ea;
    --console-danger: #b42318;
    --console-danger-soft: #fef3f2;
    --console-warning: #92400e;
    --console-warning-soft: #fef6e7;
    --console-success: #067647;
    --console-radius: 10px;
    --console-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  }
`;

export const base = css`
  *, *::before, *::after { box-sizing: border-box; }
  h1, h2, h3, p, ul, ol, dl, dd { margin: 0; }
  ul { padding: 0; list-style: none; }
  button, input, textarea { font: inherit; color: inherit; letter-spacing: inherit; margin: 0; }
  button { cursor: pointer; }
  button:disabled { cursor: default; }
  :focus-visible { outline: 2px solid var(--console-accent); outline-offset: 2px; }
  [tabindex='-1']:focus { outline: none; }
  a { color: var(--console-accent); }
  svg { width: 18px; height: 18px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; flex: none; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  .primary, .secondary, .danger {
    display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    min-height: 38px; padding: 0 16px; border-radius: 8px; font-weight: 600; font-size: 0.9375rem;
  }
  .primary { border: 1px solid var(--console-accent); background: var(--console-accent); color: var(--console-accent-text); }
  .primary:hover:not(:disabled) { background: var(--console-accent-hover); border-color: var(--console-accent-hover); }
  .primary:disabled { opacity: 0.6; }
  .secondary { border: 1px solid var(--console-border); background: var(--console-surface); color: var(--console-text); }
  .secondary:hover:not(:disabled) { background: var(--console-subtle); border-color: #c5ccd8; }
  .danger { border: 1px solid #f1c1bc; background: var(--console-surface); color: var(--console-danger); }
  .danger:hover:not(:disabled) { background: var(--console-danger-soft); }
  .danger:disabled, .secondary:disabled { opacity: 0.6; }
  /* Segmented switches (language, presence): buttons with aria-pressed. */
  .segmented { display: inline-flex; padding: 3px; border-radius: 9px; background: #e9edf3; }
  .segmented button {
    display: inline-flex; align-items: center; gap: 6px;
    border: 0; border-radius: 6px; padding: 5px 11px; background: transparent;
    font-size: 0.8125rem; font-weight: 600; color: var(--console-muted);
  }
  .segmented button[aria-pressed='true'] { background: var(--console-surface); color: var(--console-text); box-shadow: 0 1px 2px rgb(15 23 42 / 0.12); }
  .notice { padding: 10px 14px; border-radius: 8px; font-size: 0.875rem; }
  .notice.error { background: var(--console-danger-soft); color: var(--console-danger); border: 1px solid #f6d2ce; }
  .notice.warning { background: var(--console-warning-soft); color: var(--console-warning); border: 1px solid #f5dfb5; }
  .muted { color: var(--console-muted); }
`;
