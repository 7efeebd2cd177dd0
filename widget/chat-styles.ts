// The chat's look, on top of the panel's (buttons, fields, status lines, result rows). Sizes in px and
// em from --atiende-font-size, never rem, so the host page's root font size does not reach the chat.
import { css } from 'lit';

export const chatStyles = css`
  :host { display: flex; flex-direction: column; min-height: 0; }
  :host([hidden]) { display: none; }
  a { color: inherit; overflow-wrap: anywhere; }
  h3 { margin: 10px 0 6px; font-size: 1.25em; }
  h4 { margin: 18px 0 2px; }
  p { margin: 0 0 12px; }
  .view { flex: 1; overflow-y: auto; padding: 4px 20px 20px; }
  .hint, .hours { font-size: 0.8667em; color: var(--atiende-muted-text); }
  .status { padding: 4px 0 0; }
  .error:empty { display: none; }
  .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 16px; }
  .field { margin-top: 12px; }
  .field input { height: 42px; padding: 0 12px; }
  .field.check { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
  .field.check input { flex: none; width: 18px; height: 18px; margin: 0; padding: 0; accent-color: var(--atiende-accent); }
  .field.check .status { flex-basis: 100%; }
  [aria-invalid='true'] { border-color: #b42318; }
  ul { list-style: none; margin: 0; padding: 0; }
  .result { width: 100%; border: 1.5px solid var(--atiende-border); background: none; text-align: left; }
  .result:hover { background: var(--atiende-surface); }
  .consent-text { padding: 12px 14px; border-radius: 10px; background: var(--atiende-surface); font-size: 0.9333em; }
  .presence { display: flex; align-items: baseline; gap: 8px; margin: 0 0 2px; font-size: 0.9333em; }
  .hours { margin-left: 16px; }
  .dot { flex: none; width: 8px; height: 8px; border-radius: 50%; background: #94a3b8; }
  .online .dot { background: #15803d; }

  .conversation { display: flex; flex-direction: column; flex: 1; min-height: 0; }
  .ended { overflow-y: auto; }
  .ended .log { flex: none; overflow: visible; }
  .head { padding: 4px 16px 8px 20px; border-bottom: 1px solid var(--atiende-border); }
  .head h3 { margin: 4px 0; font-size: 1.1333em; }
  .head p { margin-bottom: 2px; }
  .banner { margin: 0; padding: 8px 20px; background: #fef3c7; color: #713f12; font-size: 0.8667em; }
  .log, .typing { background: var(--atiende-surface); }
  .log { flex: 1; overflow-y: auto; display: flex; flex-direction: column; gap: 10px; padding: 16px 16px 8px; }
  .msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 85%; }
  .own { align-self: flex-end; align-items: flex-end; }
  .author { margin: 0 4px 2px; font-size: 0.8em; font-weight: 700; color: var(--atiende-muted-text); }
  .bubble {
    margin: 0; padding: 8px 12px; border-radius: 14px 14px 14px 4px; white-space: pre-wrap; overflow-wrap: anywhere;
    background: var(--atiende-background); box-shadow: 0 1px 2px rgb(15 23 42 / 0.12);
  }
  .own .bubble { border-radius: 14px 14px 4px 14px; background: var(--atiende-accent); color: var(--atiende-accent-text); }
  .meta { display: flex; gap: 6px; margin: 3px 4px 0; font-size: 0.7333em; color: var(--atiende-muted-text); }
  .meta.error { font-weight: 600; }
  .notice { align-self: center; margin: 0; font-size: 0.8em; color: var(--atiende-muted-text); }
  .typing { margin: 0; padding: 0 20px; min-height: 1.6em; font-size: 0.8em; font-style: italic; color: var(--atiende-muted-text); }
  .composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px 8px 16px; border-top: 1px solid var(--atiende-border); }
  .composer textarea { flex: 1; min-height: 42px; max-height: 8.5em; resize: none; field-sizing: content; }
  .send { width: 42px; height: 42px; justify-content: center; padding: 0; border-radius: 50%; }
  .foot { padding: 0 16px 10px; text-align: right; font-size: 0.8em; }
  .foot .link { color: var(--atiende-muted-text); font-weight: 500; }
  .box { padding: 12px 20px 14px; border-top: 1px solid var(--atiende-border); }
  .box .actions { margin-top: 8px; }
  .danger { background: #b42318; }
  fieldset { margin: 0 0 10px; padding: 0; border: 0; }
  legend { margin-bottom: 6px; }
  .stars { display: flex; gap: 6px; }
  .stars input { position: absolute; opacity: 0; }
  .stars label {
    display: grid; place-items: center; width: 40px; height: 40px; margin: 0; cursor: pointer;
    border: 1.5px solid var(--atiende-border); border-radius: 10px; font-size: 1.2em; color: var(--atiende-muted-text);
  }
  .stars .on { border-color: var(--atiende-accent); background: var(--atiende-accent); color: var(--atiende-accent-text); }
  .stars input:focus-visible + label { outline: 2px solid var(--atiende-accent); outline-offset: 2px; }

  .conversations { padding: 12px 6px 0; }
  .item { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; align-items: baseline; }
  .badge { padding: 1px 8px; border-radius: 9px; font-size: 0.7333em; font-weight: 700; background: var(--atiende-surface); }
  .badge.open { background: #dcfce7; color: #14532d; }
  .last { grid-column: 1 / -1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 0.9333em; }
`;
