// The panel's look. Sizes are in px and em from --atiende-font-size, never rem: the host page's root
// font size must not resize the widget.
import { css } from 'lit';

export const panelStyles = css`
  :host { display: block; }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: border-box; }
  svg { width: 20px; height: 20px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; flex: none; }
  button, input, textarea { font: inherit; color: inherit; letter-spacing: inherit; margin: 0; }
  button { cursor: pointer; }
  :focus-visible { outline: 2px solid var(--atiende-accent); outline-offset: 2px; }
  [tabindex='-1']:focus { outline: none; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  .panel {
    display: flex;
    flex-direction: column;
    background: var(--atiende-background);
    color: var(--atiende-text);
    border-radius: var(--atiende-radius);
    overflow: hidden;
  }
  .floating {
    width: var(--atiende-panel-width);
    max-width: calc(100vw - 2 * var(--atiende-offset));
    height: min(var(--atiende-panel-height), calc(100vh - 120px));
    box-shadow: 0 16px 48px rgb(15 23 42 / 0.24), 0 0 0 1px rgb(15 23 42 / 0.06);
    animation: rise 0.18s ease-out;
  }
  .inline {
    width: 100%;
    max-width: 820px;
    margin: 0 auto;
    border: 1px solid var(--atiende-border);
  }
  @keyframes rise { from { opacity: 0; transform: translateY(10px); } }
  @media (prefers-reduced-motion: reduce) { .floating { animation: none; } }
  @media (max-width: 480px) {
    .floating { position: fixed; inset: 0; width: auto; max-width: none; height: auto; border-radius: 0; }
  }

  .header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 12px 10px 12px 20px;
    background: var(--atiende-accent);
    color: var(--atiende-accent-text);
  }
  /* Floating, the panel is narrow: the language switch goes under the title, the close button beside it. */
  .floating .header {
    display: grid;
    grid-template-columns: 1fr auto;
    grid-template-areas: 'title close' 'languages languages';
    row-gap: 8px;
    padding: 14px 10px 14px 20px;
  }
  .floating h2 { grid-area: title; }
  .floating .close { grid-area: close; }
  .floating .languages { grid-area: languages; justify-self: start; }
  h2 { flex: 1; margin: 0; font-size: 1.2em; font-weight: 700; line-height: 1.3; }
  .languages { display: flex; padding: 2px; border-radius: 8px; background: rgb(0 0 0 / 0.18); }
  .languages button {
    border: 0; border-radius: 6px; padding: 4px 8px; background: transparent;
    font-size: 0.8667em; font-weight: 600; color: var(--atiende-accent-text);
  }
  .languages button[aria-pressed='true'] { background: var(--atiende-accent-text); color: var(--atiende-accent); }
  .header :focus-visible { outline-color: var(--atiende-accent-text); }
  .icon {
    display: inline-grid; place-items: center; width: 36px; height: 36px; padding: 0;
    border: 0; border-radius: 8px; background: transparent;
  }
  .icon:hover { background: rgb(255 255 255 / 0.16); }

  .search {
    position: sticky; top: 0; z-index: 1; margin: 0 -10px; padding: 16px 16px 6px;
    background: var(--atiende-background);
  }
  .search svg { position: absolute; left: 29px; top: 29px; color: var(--atiende-muted-text); pointer-events: none; }
  input {
    display: block; width: 100%; height: 46px; padding: 0 14px 0 44px;
    border: 1.5px solid var(--atiende-border); border-radius: 10px;
    background: var(--atiende-background); font-size: 1em;
  }
  input::placeholder { color: var(--atiende-muted-text); opacity: 1; }
  input:focus { outline: none; border-color: var(--atiende-accent); box-shadow: 0 0 0 3px rgb(29 78 216 / 0.2); }
  input::-webkit-search-cancel-button { cursor: pointer; }

  .status { margin: 0; padding: 2px 10px 0; min-height: 1.5em; font-size: 0.8667em; color: var(--atiende-muted-text); }
  .status:empty { padding-top: 0; }
  .error { color: #b42318; }
  .body { flex: 1; overflow-y: auto; padding: 0 10px 18px; overscroll-behavior: contain; }
  .inline .body { overflow: visible; }
  .retry { margin: 8px 10px; }
  .list-label {
    margin: 10px 10px 6px; font-size: 0.8em; font-weight: 700; letter-spacing: 0.05em;
    text-transform: uppercase; color: var(--atiende-muted-text);
  }
  [role='listbox'] { list-style: none; margin: 0; padding: 0; }
  .result {
    display: block; margin: 2px 0; padding: 10px 12px; border-radius: 10px; cursor: pointer;
    box-shadow: inset 3px 0 0 transparent;
    scroll-margin: 90px 0 8px; /* clear of the sticky search box when arrowing through */
  }
  .result[aria-selected='true'] { background: var(--atiende-surface); box-shadow: inset 3px 0 0 var(--atiende-accent); }
  .result-title { display: block; font-weight: 600; line-height: 1.35; }
  .result-text {
    display: -webkit-box; margin-top: 3px; font-size: 0.9em; line-height: 1.45; color: var(--atiende-muted-text);
    -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
  }
  mark { background: var(--atiende-mark); color: inherit; border-radius: 3px; padding: 0 1px; }
  .empty { padding: 14px 10px; }
  .empty p { margin: 0 0 14px; }

  .primary, .secondary, .back {
    display: inline-flex; align-items: center; gap: 4px; border-radius: 8px; font-weight: 600; line-height: 1.2;
  }
  .primary { padding: 10px 18px; border: 0; background: var(--atiende-accent); color: var(--atiende-accent-text); }
  .secondary { padding: 8px 16px; border: 1.5px solid var(--atiende-border); background: var(--atiende-background); }
  .secondary:hover { background: var(--atiende-surface); }
  .primary:hover { filter: brightness(1.08); }
  button:disabled { cursor: default; opacity: 0.6; }
  .back { margin: 6px 0 0; padding: 6px 8px 6px 2px; border: 0; background: none; color: var(--atiende-accent); }
  .back svg { width: 18px; height: 18px; }
  .article-view, .contact { padding: 4px 20px 20px; }
  .article-view > .status { padding: 8px 0; }

  .feedback {
    display: flex; flex-wrap: wrap; align-items: center; gap: 10px 12px;
    margin-top: 24px; padding-top: 16px; border-top: 1px solid var(--atiende-border);
  }
  .feedback p { margin: 0; }
  #feedback-label { font-weight: 600; }
  .feedback .buttons { display: flex; gap: 8px; }
  .feedback .status { flex-basis: 100%; padding: 0; min-height: 0; font-size: 0.9333em; }

  .contact h3 { margin: 10px 0 6px; font-size: 1.25em; }
  .contact p { margin: 0 0 14px; }
  label { display: block; margin-bottom: 6px; font-weight: 600; }
  textarea {
    display: block; width: 100%; padding: 10px 12px; resize: vertical;
    border: 1.5px solid var(--atiende-border); border-radius: 10px; background: var(--atiende-background);
  }
  textarea:focus { outline: none; border-color: var(--atiende-accent); box-shadow: 0 0 0 3px rgb(29 78 216 / 0.2); }
  form .primary { margin-top: 12px; }

  /* The way to the team, always in reach below the search and the article. */
  .footer {
    display: flex; flex-wrap: wrap; align-items: center; justify-content: center; gap: 4px 8px;
    padding: 10px 16px; border-top: 1px solid var(--atiende-border); font-size: 0.9333em; color: var(--atiende-muted-text);
  }
  .link { padding: 2px 0; border: 0; background: none; color: var(--atiende-accent); font-weight: 600; text-decoration: underline; text-underline-offset: 2px; }
  atiende-chat { flex: 1; min-height: 0; }
  .inline atiende-chat { flex: none; height: min(680px, calc(100vh - 180px)); }
`;
