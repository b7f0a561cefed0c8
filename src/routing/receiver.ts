/**
 * Receivers: where notifications go (PagerDuty, Slack, email, a webhook). Secrets are always references to a
 * Kubernetes Secret key: the AlertmanagerConfig CRD names the Secret, the plain alertmanager.yml reads the key
 * from the file the Secret is mounted as (`*_file` fields, all supported by Alertmanager 0.25).
 */
import { Problem, ProblemList, omitEmpty, reportProblems, sortedRecord } from '../core';

/** A key of a Kubernetes Secret in the policy's namespace. */
export interface SecretKeyRef {
  /** The Secret's name. */
  readonly name: string;
  /** The key inside the Secret. */
  readonly key: string;
}

/** A PagerDuty Events API v2 integration. */
export interface PagerDutyConfig {
  /** The integration's routing key. */
  readonly routingKey: SecretKeyRef;
  /** PagerDuty event severity (`critical`, `error`, `warning`, `info`) or a template. @default Alertmanager's ("error") */
  readonly severity?: string;
  /** Custom details shown on the incident (values may be templates); merged with Alertmanager's. @default none */
  readonly details?: Readonly<Record<string, string>>;
  /** Events API URL. @default Alertmanager's (PagerDuty's public endpoint) */
  readonly url?: string;
  /** Whether resolved alerts are sent. @default Alertmanager's (true) */
  readonly sendResolved?: boolean;
}

/** A Slack incoming webhook. */
export interface SlackConfig {
  /** The channel (`#rlm-oncall`) or user (`@name`). */
  readonly channel: string;
  /** The incoming-webhook URL, which is a credential. */
  readonly apiUrl: SecretKeyRef;
  /** Message title (template). @default Alertmanager's */
  readonly title?: string;
  /** Message text (template). @default Alertmanager's */
  readonly text?: string;
  /** Whether resolved alerts are sent. @default Alertmanager's (false) */
  readonly sendResolved?: boolean;
}

/** SMTP settings that email configs may leave to the policy (NotificationPolicyProps.smtp). */
export interface SmtpSettings {
  /** Sender address. */
  readonly from?: string;
  /** SMTP server, `host:port`. */
  readonly smarthost?: string;
  /** SMTP user. @default no authentication */
  readonly authUsername?: string;
  /** SMTP password. @default no authentication */
  readonly authPassword?: SecretKeyRef;
  /** Whether STARTTLS is required. @default Alertmanager's (true) */
  readonly requireTls?: boolean;
}

/** An email notification. */
export interface EmailConfig extends SmtpSettings {
  /** Recipient address(es), comma-separated. */
  readonly to: string;
  /** Extra headers, e.g. `{ Subject: '...' }` (values may be templates). @default Alertmanager's */
  readonly headers?: Readonly<Record<string, string>>;
  /** Whether resolved alerts are sent. @default Alertmanager's (false) */
  readonly sendResolved?: boolean;
}

/**
 * A generic webhook. The URL is written in the outputs as is: Alertmanager 0.25 has no `url_file` for
 * webhooks (it came in a later release), so credentials go in `bearerToken`, read from a Secret.
 */
export interface WebhookConfig {
  /** The endpoint, `http://` or `https://`. Not a secret. */
  readonly url: string;
  /** A bearer token sent in the Authorization header. @default none */
  readonly bearerToken?: SecretKeyRef;
  /** Most alerts per message; 0 is all. @default Alertmanager's (0) */
  readonly maxAlerts?: number;
  /** Whether resolved alerts are sent. @default Alertmanager's (true) */
  readonly sendResolved?: boolean;
}

/** The integrations of one receiver; a receiver with none drops its notifications. */
export interface ReceiverProps {
  /** @default [] */
  readonly pagerDuty?: readonly PagerDutyConfig[];
  /** @default [] */
  readonly slack?: readonly SlackConfig[];
  /** @default [] */
  readonly email?: readonly EmailConfig[];
  /** @default [] */
  readonly webhook?: readonly WebhookConfig[];
}

/** What rendering a receiver needs from its policy. */
export interface ReceiverRenderOptions {
  /** Where Secrets are mounted in the plain file's Alertmanager: `<dir>/<secret>/<key>`. */
  readonly secretsDir: string;
  /** SMTP defaults for email configs that leave fields out. */
  readonly smtp?: SmtpSettings;
}

const SECRET_NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY_RE = /^[-._a-zA-Z0-9]+$/;
const RECEIVER_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const HOST_PORT_RE = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):[0-9]{1,5}$/;

/** A named receiver: an immutable value that routes refer to; the policy renders each once. */
export class Receiver {
  /**
   * Whether the props were refused: the problems were reported (to the app being declared, or thrown without
   * one), and policies holding this skip their synth checks rather than report the same mistake again.
   */
  readonly refused: boolean;
  /** A receiver that pages through PagerDuty. */
  static pagerDuty(name: string, config: PagerDutyConfig): Receiver {
    return new Receiver(name, { pagerDuty: [config] });
  }

  /** A receiver that posts to a Slack channel. */
  static slack(name: string, config: SlackConfig): Receiver {
    return new Receiver(name, { slack: [config] });
  }

  /** A receiver that sends email. */
  static email(name: string, config: EmailConfig): Receiver {
    return new Receiver(name, { email: [config] });
  }

  /** A receiver that POSTs to a webhook. */
  static webhook(name: string, config: WebhookConfig): Receiver {
    return new Receiver(name, { webhook: [config] });
  }

  /** A receiver with no integrations: Alertmanager accepts its alerts and notifies no one. */
  static none(name: string): Receiver {
    return new Receiver(name, {});
  }

  /** @throws WatchkeeperError naming the field and value when a setting is malformed */
  constructor(
    readonly name: string,
    readonly props: ReceiverProps = {},
  ) {
    const problems = checkReceiver(name, props);
    this.refused = reportProblems(problems, `Receiver "${name}"`);
  }

  /** How many integrations (PagerDuty, Slack, email, webhook configs) the receiver has. */
  get integrations(): number {
    const p = this.props;
    return (p.pagerDuty?.length ?? 0) + (p.slack?.length ?? 0) + (p.email?.length ?? 0) + (p.webhook?.length ?? 0);
  }

  /** Every Secret key the receiver reads. */
  secretRefs(smtp?: SmtpSettings): SecretKeyRef[] {
    const p = this.props;
    const refs: Array<SecretKeyRef | undefined> = [
      ...(p.pagerDuty ?? []).map((c) => c.routingKey),
      ...(p.slack ?? []).map((c) => c.apiUrl),
      ...(p.email ?? []).map((c) => c.authPassword ?? smtp?.authPassword),
      ...(p.webhook ?? []).map((c) => c.bearerToken),
    ];
    return refs.filter((r): r is SecretKeyRef => r !== undefined);
  }

  /**
   * The receiver as an alertmanager.yml `receivers` entry; secrets become paths of mounted files.
   * @internal NotificationPolicy's; not part of the public API (stripped from the published typings).
   */
  toConfigFile(opts: ReceiverRenderOptions): Record<string, unknown> {
    const p = this.props;
    const file = (ref: SecretKeyRef | undefined): string | undefined =>
      ref ? secretFilePath(opts.secretsDir, ref) : undefined;
    return omitEmpty({
      name: this.name,
      pagerduty_configs: nonEmpty(
        p.pagerDuty?.map((c) =>
          omitEmpty({
            send_resolved: c.sendResolved,
            routing_key_file: file(c.routingKey),
            url: c.url,
            severity: c.severity,
            details: sortedRecord(c.details),
          }),
        ),
      ),
      slack_configs: nonEmpty(
        p.slack?.map((c) =>
          omitEmpty({
            send_resolved: c.sendResolved,
            api_url_file: file(c.apiUrl),
            channel: c.channel,
            title: c.title,
            text: c.text,
          }),
        ),
      ),
      email_configs: nonEmpty(
        p.email?.map((c) => {
          const s = withSmtpDefaults(c, opts.smtp);
          return omitEmpty({
            send_resolved: c.sendResolved,
            to: c.to,
            from: s.from,
            smarthost: s.smarthost,
            auth_username: s.authUsername,
            auth_password_file: file(s.authPassword),
            require_tls: s.requireTls,
            headers: sortedRecord(c.headers),
          });
        }),
      ),
      webhook_configs: nonEmpty(
        p.webhook?.map((c) =>
          omitEmpty({
            send_resolved: c.sendResolved,
            url: c.url,
            http_config: c.bearerToken ? { authorization: { credentials_file: file(c.bearerToken) } } : undefined,
            max_alerts: c.maxAlerts,
          }),
        ),
      ),
    });
  }

  /** The receiver as an AlertmanagerConfig CRD `receivers` entry; secrets are `{ name, key }` references. */
  toCrd(smtp?: SmtpSettings): Record<string, unknown> {
    const p = this.props;
    const ref = (r: SecretKeyRef | undefined): SecretKeyRef | undefined =>
      r ? { name: r.name, key: r.key } : undefined;
    return omitEmpty({
      name: this.name,
      pagerdutyConfigs: nonEmpty(
        p.pagerDuty?.map((c) =>
          omitEmpty({
            sendResolved: c.sendResolved,
            routingKey: ref(c.routingKey),
            url: c.url,
            severity: c.severity,
            details: keyValues(c.details),
          }),
        ),
      ),
      slackConfigs: nonEmpty(
        p.slack?.map((c) =>
          omitEmpty({
            sendResolved: c.sendResolved,
            apiURL: ref(c.apiUrl),
            channel: c.channel,
            title: c.title,
            text: c.text,
          }),
        ),
      ),
      emailConfigs: nonEmpty(
        p.email?.map((c) => {
          const s = withSmtpDefaults(c, smtp);
          return omitEmpty({
            sendResolved: c.sendResolved,
            to: c.to,
            from: s.from,
            smarthost: s.smarthost,
            authUsername: s.authUsername,
            authPassword: ref(s.authPassword),
            requireTLS: s.requireTls,
            headers: keyValues(c.headers),
          });
        }),
      ),
      webhookConfigs: nonEmpty(
        p.webhook?.map((c) =>
          omitEmpty({
            sendResolved: c.sendResolved,
            url: c.url,
            httpConfig: c.bearerToken ? { authorization: { credentials: ref(c.bearerToken) } } : undefined,
            maxAlerts: c.maxAlerts,
          }),
        ),
      ),
    });
  }
}

/** The path a Secret key is mounted at: `<dir>/<secret>/<key>` (the prometheus-operator's layout). */
export function secretFilePath(secretsDir: string, ref: SecretKeyRef): string {
  return `${secretsDir.replace(/\/+$/, '')}/${ref.name}/${ref.key}`;
}

/** An email config with the policy's SMTP defaults filled in. */
export function withSmtpDefaults(c: EmailConfig, smtp: SmtpSettings | undefined): SmtpSettings {
  return {
    from: c.from ?? smtp?.from,
    smarthost: c.smarthost ?? smtp?.smarthost,
    authUsername: c.authUsername ?? smtp?.authUsername,
    authPassword: c.authPassword ?? smtp?.authPassword,
    requireTls: c.requireTls ?? smtp?.requireTls,
  };
}

/** Problems with a receiver's own settings (SMTP defaults are checked by the policy). */
export function checkReceiver(name: string, p: ReceiverProps): Problem[] {
  const where = `Receiver "${name}"`;
  const found = new ProblemList(where);
  if (typeof name !== 'string' || !RECEIVER_NAME_RE.test(name))
    found.add(
      'name',
      name,
      'not a usable receiver name',
      'use letters, digits, "-", "_" and ".", starting with a letter or digit',
    );
  const secret = (field: string, r: SecretKeyRef | undefined, required: boolean): void => {
    if (r === undefined) {
      if (required)
        found.add(
          field,
          r,
          'a Secret reference is required',
          'give { name, key } of the Secret key holding the credential',
        );
      return;
    }
    found.addAll(checkSecretRef(where, field, r));
  };
  const url = (field: string, u: string | undefined, required: boolean): void => {
    if (u === undefined) {
      if (required) found.add(field, u, 'a URL is required', 'give an http:// or https:// URL');
    } else if (!isHttpUrl(u)) {
      found.add(field, u, 'not an http(s) URL', 'give an absolute http:// or https:// URL');
    }
  };
  (p.pagerDuty ?? []).forEach((c, i) => {
    secret(`pagerDuty[${i}].routingKey`, c.routingKey, true);
    url(`pagerDuty[${i}].url`, c.url, false);
  });
  (p.slack ?? []).forEach((c, i) => {
    if (!c.channel || c.channel.trim() === '')
      found.add(`slack[${i}].channel`, c.channel, 'the channel is empty', 'give a channel such as "#alerts"');
    secret(`slack[${i}].apiUrl`, c.apiUrl, true);
  });
  (p.email ?? []).forEach((c, i) => {
    if (!c.to || c.to.trim() === '') found.add(`email[${i}].to`, c.to, 'no recipient', 'give an address');
    if (c.smarthost !== undefined && !HOST_PORT_RE.test(c.smarthost))
      found.add(`email[${i}].smarthost`, c.smarthost, 'not host:port', 'e.g. "smtp.example.com:587"');
    secret(`email[${i}].authPassword`, c.authPassword, false);
  });
  (p.webhook ?? []).forEach((c, i) => {
    url(`webhook[${i}].url`, c.url, true);
    secret(`webhook[${i}].bearerToken`, c.bearerToken, false);
    if (c.maxAlerts !== undefined && !(Number.isInteger(c.maxAlerts) && c.maxAlerts >= 0))
      found.add(`webhook[${i}].maxAlerts`, c.maxAlerts, 'must be a whole number >= 0', 'use 0 for no limit');
  });
  return found.problems;
}

/** Problems with the SMTP settings an email config ends up with. */
export function checkSmtp(where: string, field: string, s: SmtpSettings): Problem[] {
  const found = new ProblemList(where);
  if (!s.from)
    found.add(`${field}.from`, s.from, 'no sender address', 'set from on the email config or smtp.from on the policy');
  if (!s.smarthost)
    found.add(
      `${field}.smarthost`,
      s.smarthost,
      'no SMTP server',
      'set smarthost ("host:port") on the email config or smtp.smarthost on the policy',
    );
  else if (!HOST_PORT_RE.test(s.smarthost))
    found.add(`${field}.smarthost`, s.smarthost, 'not host:port', 'e.g. "smtp.example.com:587"');
  if (s.authPassword) found.addAll(checkSecretRef(where, `${field}.authPassword`, s.authPassword));
  return found.problems;
}

/** Problems with a Secret reference: a DNS-1123 subdomain name and a valid data key. */
export function checkSecretRef(where: string, field: string, r: SecretKeyRef): Problem[] {
  const found = new ProblemList(where);
  if (typeof r.name !== 'string' || r.name.length > 253 || !SECRET_NAME_RE.test(r.name)) {
    found.add(
      `${field}.name`,
      r.name,
      'not a Secret name (DNS-1123 subdomain)',
      'lower-case letters, digits, "-" and "."',
    );
  }
  if (typeof r.key !== 'string' || r.key.length > 253 || !SECRET_KEY_RE.test(r.key)) {
    found.add(`${field}.key`, r.key, 'not a Secret data key', 'letters, digits, "-", "_" and "."');
  }
  return found.problems;
}

function isHttpUrl(u: string): boolean {
  try {
    const parsed = new URL(u);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host !== '';
  } catch {
    return false;
  }
}

function nonEmpty<T>(a: T[] | undefined): T[] | undefined {
  return a && a.length > 0 ? a : undefined;
}

function keyValues(r: Readonly<Record<string, string>> | undefined): Array<{ key: string; value: string }> | undefined {
  if (!r || Object.keys(r).length === 0) return undefined;
  return Object.keys(r)
    .sort()
    .map((key) => ({ key, value: r[key] }));
}
