// The appearance defaults a host page may override on the element: `atiende-widget { --atiende-accent: … }`.
import { css } from 'lit';

export const tokens = css`
  :host {
    --atiende-accent: #1d4ed8;
    --atiende-accent-text: #ffffff;
    --atiende-text: #1c2433;
    --atiende-muted-text: #4a5568;
    --atiende-background: #ffffff;
    --atiende-surface: #f1f4f9;
    --atiende-border: #d5dbe5;
    --atiende-mark: #fde68a;
    --atiende-radius: 14px;
    --atiende-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
    --atiende-font-size: 15px;
    --atiende-z-index: 2147483000;
    --atiende-offset: 20px;
    --atiende-panel-width: 390px;
    --atiende-panel-height: 620px;
  }
`;
