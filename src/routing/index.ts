/**
 * routing/: who is told about which alert. NotificationPolicy (construct: AlertmanagerConfig + plain
 * alertmanager.yml, checked against the chart's alerts at synth); Receiver, Route, InhibitRule, TimeInterval
 * (values); Matcher (Alertmanager's matcher syntax); resolveRoute (Alertmanager's route matching); checkPolicy.
 */
export * from './matcher';
export * from './time-interval';
export * from './receiver';
export * from './route';
export * from './inhibit-rule';
export * from './resolve';
export * from './declared-alerts';
export * from './check-policy';
export * from './notification-policy';
