import * as fs from 'fs';
import * as path from 'path';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import { WatchkeeperError } from '../../src';
import { Receiver, secretFilePath } from '../../src/routing';
import { toYaml } from '../../src/core';
import { itWithAmtool, runAmtool } from '../support/amtool';
import { tempDir } from '../support/synth';

const secret = (key: string) => ({ name: 'alerting', key });

const everything = new Receiver('everything', {
  pagerDuty: [
    {
      routingKey: secret('pd'),
      severity: 'critical',
      details: { z: '1', a: '{{ .CommonLabels.alertname }}' },
      url: 'https://events.example.com/v2/enqueue',
      sendResolved: false,
    },
  ],
  slack: [{ channel: '#alerts', apiUrl: secret('slack'), title: 't', text: 'x', sendResolved: true }],
  email: [
    {
      to: 'a@example.com',
      from: 'am@example.com',
      smarthost: 'smtp.example.com:587',
      authUsername: 'am',
      authPassword: secret('smtp'),
      requireTls: true,
      headers: { Subject: 's' },
    },
  ],
  webhook: [{ url: 'https://hooks.example.com/x', bearerToken: secret('token'), maxAlerts: 10 }],
});

describe('Receiver', () => {
  it('writes secrets in the plain file as paths of mounted Secret keys', () => {
    const plain = everything.toConfigFile({ secretsDir: '/etc/alertmanager/secrets/' });
    expect(plain).toEqual({
      name: 'everything',
      pagerduty_configs: [
        {
          send_resolved: false,
          routing_key_file: '/etc/alertmanager/secrets/alerting/pd',
          url: 'https://events.example.com/v2/enqueue',
          severity: 'critical',
          details: { a: '{{ .CommonLabels.alertname }}', z: '1' },
        },
      ],
      slack_configs: [
        {
          send_resolved: true,
          api_url_file: '/etc/alertmanager/secrets/alerting/slack',
          channel: '#alerts',
          title: 't',
          text: 'x',
        },
      ],
      email_configs: [
        {
          to: 'a@example.com',
          from: 'am@example.com',
          smarthost: 'smtp.example.com:587',
          auth_username: 'am',
          auth_password_file: '/etc/alertmanager/secrets/alerting/smtp',
          require_tls: true,
          headers: { Subject: 's' },
        },
      ],
      webhook_configs: [
        {
          url: 'https://hooks.example.com/x',
          http_config: { authorization: { credentials_file: '/etc/alertmanager/secrets/alerting/token' } },
          max_alerts: 10,
        },
      ],
    });
  });

  it('writes secrets in the CRD as { name, key } references', () => {
    const crd = everything.toCrd();
    expect(crd).toEqual({
      name: 'everything',
      pagerdutyConfigs: [
        {
          sendResolved: false,
          routingKey: secret('pd'),
          url: 'https://events.example.com/v2/enqueue',
          severity: 'critical',
          details: [
            { key: 'a', value: '{{ .CommonLabels.alertname }}' },
            { key: 'z', value: '1' },
          ],
        },
      ],
      slackConfigs: [{ sendResolved: true, apiURL: secret('slack'), channel: '#alerts', title: 't', text: 'x' }],
      emailConfigs: [
        {
          to: 'a@example.com',
          from: 'am@example.com',
          smarthost: 'smtp.example.com:587',
          authUsername: 'am',
          authPassword: secret('smtp'),
          requireTLS: true,
          headers: [{ key: 'Subject', value: 's' }],
        },
      ],
      webhookConfigs: [
        {
          url: 'https://hooks.example.com/x',
          httpConfig: { authorization: { credentials: secret('token') } },
          maxAlerts: 10,
        },
      ],
    });
    const model = new AlertmanagerConfig({
      metadata: { name: 'x', namespace: 'y' },
      spec: { route: { receiver: 'everything' }, receivers: [crd as never] },
    });
    expect(() => model.validate()).not.toThrow();
  });

  it('lists the Secret keys it reads, SMTP defaults included', () => {
    expect(everything.secretRefs().map((r) => r.key)).toEqual(['pd', 'slack', 'smtp', 'token']);
    const mail = Receiver.email('m', { to: 'a@example.com' });
    expect(mail.secretRefs({ authPassword: secret('policy-smtp') })).toEqual([secret('policy-smtp')]);
    expect(secretFilePath('/s', secret('k'))).toBe('/s/alerting/k');
  });

  it("fills email settings from the policy's SMTP defaults, its own winning", () => {
    const mail = Receiver.email('m', { to: 'a@example.com', from: 'own@example.com' });
    const plain = mail.toConfigFile({
      secretsDir: '/s',
      smtp: { from: 'policy@example.com', smarthost: 'smtp:25', authPassword: secret('p') },
    });
    expect(plain.email_configs).toEqual([
      { to: 'a@example.com', from: 'own@example.com', smarthost: 'smtp:25', auth_password_file: '/s/alerting/p' },
    ]);
  });

  it('a receiver without integrations is just a name', () => {
    expect(Receiver.none('null').toConfigFile({ secretsDir: '/s' })).toEqual({ name: 'null' });
    expect(Receiver.none('null').integrations).toBe(0);
    expect(everything.integrations).toBe(4);
  });

  it.each([
    ['pagerDuty[0].routingKey.name', () => Receiver.pagerDuty('p', { routingKey: { name: 'Bad_Name', key: 'k' } })],
    ['pagerDuty[0].routingKey.key', () => Receiver.pagerDuty('p', { routingKey: { name: 's', key: 'bad/key' } })],
    ['pagerDuty[0].routingKey', () => Receiver.pagerDuty('p', { routingKey: undefined as never })],
    ['slack[0].channel', () => Receiver.slack('s', { channel: '', apiUrl: secret('k') })],
    ['email[0].to', () => Receiver.email('e', { to: '' })],
    ['email[0].smarthost', () => Receiver.email('e', { to: 'a@b', smarthost: 'smtp.example.com' })],
    ['webhook[0].url', () => Receiver.webhook('w', { url: 'ftp://x/y' })],
    ['webhook[0].url', () => Receiver.webhook('w', { url: 'not a url' })],
    ['webhook[0].maxAlerts', () => Receiver.webhook('w', { url: 'http://x', maxAlerts: -1 })],
    ['name', () => Receiver.none('')],
    ['name', () => Receiver.none('has space')],
  ])('refuses a bad %s', (field, make) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WatchkeeperError);
    expect((error as WatchkeeperError).problems.map((p) => p.field)).toEqual([field]);
  });

  itWithAmtool('Alertmanager 0.25 loads every integration with its *_file fields', () => {
    const dir = tempDir('wk-recv-');
    const file = path.join(dir, 'am.yml');
    const receivers = [everything, Receiver.none('null'), Receiver.webhook('plain-hook', { url: 'http://hook:8080/' })];
    fs.writeFileSync(
      file,
      toYaml({
        route: { receiver: 'null' },
        receivers: receivers.map((r) => r.toConfigFile({ secretsDir: '/etc/alertmanager/secrets' })),
      }),
    );
    const r = runAmtool(['check-config', file]);
    expect(r.output).toContain('3 receivers');
    expect(r.status).toBe(0);
  });

  itWithAmtool('Alertmanager 0.25 has no url_file for webhooks (hence bearerToken, not a secret URL)', () => {
    const file = path.join(tempDir('wk-recv-'), 'am.yml');
    fs.writeFileSync(
      file,
      toYaml({
        route: { receiver: 'w' },
        receivers: [{ name: 'w', webhook_configs: [{ url_file: '/etc/alertmanager/secrets/x/url' }] }],
      }),
    );
    const r = runAmtool(['check-config', file]);
    expect(r.output).toMatch(/field url_file not found/);
    expect(r.status).toBe(1);
  });
});
