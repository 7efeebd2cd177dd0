// Words customers use for the same need, in support language. When a query says one of them, the
// others are searched too, at a lower weight than what was typed. Kept short and general: each group
// is vocabulary of help centres at large, not of one knowledge base.
import type { Locale } from '../../protocol/locales.ts';
import { fold } from './analyzer.ts';

const GROUPS: Record<Locale, string[][]> = {
  en: [
    ['sign in', 'log in', 'login', 'logon', 'access'],
    ['sign up', 'register', 'create an account', 'get started', 'new account', 'open an account'],
    ['sign out', 'log out', 'logout'],
    ['password', 'passcode', 'passphrase'],
    ['forgot', 'lost', 'reset', 'recover'],
    ['delete', 'remove', 'erase', 'close', 'deactivate', 'cancel'],
    ['change', 'update', 'edit', 'modify'],
    ['email', 'electronic mail'],
    ['phone', 'mobile', 'cell', 'telephone', 'number'],
    ['text', 'sms', 'message'],
    ['code', 'passcode', 'one time code', 'otp'],
    ['not received', 'not arriving', 'never got', 'didn t get', 'didnt get', 'didn t receive', 'didnt receive', 'not receiving', 'missing'],
    ['broken', 'not working', 'doesn t work', 'doesnt work', 'error', 'problem', 'issue', 'trouble', 'fails'],
    ['invalid', 'expired', 'wrong', 'incorrect'],
    ['contact', 'talk', 'speak', 'reach', 'call', 'human', 'agent', 'person', 'support'],
    ['refund', 'money back', 'reimburse'],
    ['price', 'cost', 'pricing', 'fee', 'charge'],
    ['bill', 'invoice', 'billing', 'payment', 'pay'],
    ['identity', 'id', 'identification', 'verify', 'verification'],
    ['license', 'licence', 'driver s license', 'id card'],
    ['privacy', 'personal data', 'personal information', 'data'],
    ['scam', 'fraud', 'phishing', 'suspicious'],
    ['hacked', 'compromised', 'stolen', 'unauthorized'],
    ['overview', 'introduction', 'about', 'what is'],
    ['help', 'faq', 'questions', 'support'],
    ['locked out', 'can t access', 'cant access', 'cannot access', 'can t sign in', 'cant sign in', 'blocked'],
    ['two factor', 'multi factor', '2fa', 'mfa', 'authentication method', 'security method'],
    ['website', 'site', 'web page', 'page'],
    ['embed', 'install', 'add', 'integrate'],
    ['language', 'spanish', 'english', 'translate', 'translation'],
  ],
  es: [
    ['iniciar sesion', 'entrar', 'acceder', 'ingresar', 'login', 'acceso'],
    ['registrarse', 'crear una cuenta', 'crear cuenta', 'darse de alta', 'cuenta nueva', 'empezar'],
    ['cerrar sesion', 'salir'],
    ['contrasena', 'clave', 'password'],
    ['olvide', 'olvidado', 'perdi', 'restablecer', 'recuperar'],
    ['borrar', 'eliminar', 'suprimir', 'dar de baja', 'cancelar', 'cerrar'],
    ['cambiar', 'actualizar', 'editar', 'modificar'],
    ['correo electronico', 'email'],
    ['telefono', 'movil', 'celular', 'numero'],
    ['mensaje de texto', 'sms', 'mensaje'],
    ['codigo', 'clave temporal', 'codigo de un solo uso'],
    ['no recibo', 'no llega', 'no me llega', 'no recibi', 'no ha llegado'],
    ['no funciona', 'falla', 'error', 'problema', 'averia', 'roto'],
    ['invalido', 'caducado', 'expirado', 'incorrecto'],
    ['contactar', 'contacto', 'hablar', 'comunicarme', 'llamar', 'persona', 'agente', 'humano', 'soporte', 'atencion al cliente'],
    ['reembolso', 'devolucion', 'devolver el dinero'],
    ['precio', 'coste', 'costo', 'tarifa', 'cuota', 'cobro'],
    ['factura', 'facturacion', 'pago', 'pagar', 'recibo'],
    ['identidad', 'identificacion', 'verificar', 'verificacion', 'dni', 'documento'],
    ['privacidad', 'datos personales', 'informacion personal', 'datos'],
    ['estafa', 'fraude', 'phishing', 'sospechoso', 'enganio'],
    ['hackeado', 'pirateado', 'robado', 'comprometido', 'no autorizado'],
    ['ayuda', 'preguntas frecuentes', 'dudas', 'soporte'],
    ['bloqueado', 'no puedo entrar', 'no puedo acceder', 'sin acceso'],
    ['dos factores', 'doble factor', 'autenticacion', 'metodo de seguridad', '2fa', 'mfa'],
    ['sitio web', 'web', 'pagina', 'sitio'],
    ['insertar', 'instalar', 'anadir', 'integrar', 'incrustar'],
    ['idioma', 'espanol', 'ingles', 'traducir', 'traduccion', 'lengua'],
  ],
};

// Folded, space-normalised phrases; matched on whole words.
const PREPARED: Record<Locale, string[][]> = {
  en: GROUPS.en.map((g) => g.map((p) => fold(p))),
  es: GROUPS.es.map((g) => g.map((p) => fold(p))),
};

const normalise = (text: string) => ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/** The phrases to search besides the query itself (not including what it already says). */
export function expandSynonyms(locale: Locale, query: string): string[] {
  const q = normalise(query);
  const out: string[] = [];
  for (const group of PREPARED[locale]) {
    if (!group.some((p) => q.includes(` ${p} `))) continue;
    // Forms typed with an apostrophe ("doesn t work") find the group but are not searched themselves:
    // their pieces ("doesn", "t") are not words.
    for (const p of group) if (!q.includes(` ${p} `) && !/(^| )t( |$)/.test(p)) out.push(p);
  }
  return out;
}
