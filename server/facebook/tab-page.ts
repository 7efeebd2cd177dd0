// The HTML of /facebook/tab: the widget full-page (inline, no launcher) in the viewer's language, or,
// when the request could not be verified, a plain page that says so and loads no widget at all.
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function tabPage(locale: 'es' | 'en', channelTicket: string, conversation?: string): string {
  const title = locale === 'es' ? 'Ayuda' : 'Help';
  return `<!doctype html>
<html lang="${locale}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${title}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/facebook-tab.css">
  <script type="module" src="/widget.js"></script>
</head>
<body>
  <main>
    <atiende-widget open position="inline" locale="${locale}" channel-ticket="${escape(channelTicket)}"${conversation ? ` conversation="${escape(conversation)}"` : ''}></atiende-widget>
  </main>
</body>
</html>
`;
}

export function refusedPage(): string {
  return `<!doctype html>
<html lang="es">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ayuda · Help</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/facebook-tab.css">
</head>
<body>
  <main class="refused">
    <h1>Esta página se abre desde nuestra página de Facebook</h1>
    <p>No hemos podido comprobar que vienes de Facebook. Vuelve a abrir la pestaña de ayuda desde nuestra página.</p>
    <h1 lang="en">This page opens from our Facebook Page</h1>
    <p lang="en">We could not check that you came from Facebook. Open the help tab again from our Page.</p>
  </main>
</body>
</html>
`;
}
