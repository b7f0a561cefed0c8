/**
 * What an HPA scales: a workload referenced by apiVersion, kind and name. It need not live in the cdk8s app
 * (most workloads are deployed by their own pipelines); a cdk8s ApiObject or a cdk8s-plus workload has these
 * three properties and can be passed as it is.
 */
import { Problem, ProblemList, isDnsSubdomain } from '../core';

/** `scaleTargetRef` of an HPA: any object with the scale subresource. */
export interface ScaleTargetRef {
  /** API version of the workload, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** Kind of the workload, e.g. `Deployment`, `StatefulSet`. */
  readonly kind: string;
  /** `metadata.name` of the workload, in the HPA's namespace. */
  readonly name: string;
}

/** A Deployment (`apps/v1`) by name. */
export const deployment = (name: string): ScaleTargetRef => ({ apiVersion: 'apps/v1', kind: 'Deployment', name });
/** A StatefulSet (`apps/v1`) by name. */
export const statefulSet = (name: string): ScaleTargetRef => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', name });
/** A ReplicaSet (`apps/v1`) by name. */
export const replicaSet = (name: string): ScaleTargetRef => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name });

const API_VERSION =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** Problems with a reference, as fields under `field` (`scaleTargetRef`, `describedObject`). */
export function checkObjectRef(ref: ScaleTargetRef | undefined, where: string, field: string): Problem[] {
  if (!ref || typeof ref !== 'object') {
    return [
      {
        where,
        field,
        value: ref,
        message: 'a workload reference { apiVersion, kind, name } is required',
        fix: 'e.g. deployment("rlm-api") or { apiVersion: "apps/v1", kind: "Deployment", name: "rlm-api" }',
      },
    ];
  }
  const found = new ProblemList(where);
  if (typeof ref.apiVersion !== 'string' || !API_VERSION.test(ref.apiVersion)) {
    found.add(
      `${field}.apiVersion`,
      ref.apiVersion,
      'not an API version',
      'write "group/version" such as "apps/v1", or "v1" for the core group',
    );
  }
  if (typeof ref.kind !== 'string' || !KIND.test(ref.kind)) {
    found.add(`${field}.kind`, ref.kind, 'not a Kubernetes kind', 'write the kind in PascalCase, e.g. "Deployment"');
  }
  if (!isDnsSubdomain(ref.name)) {
    found.add(
      `${field}.name`,
      ref.name,
      'not a DNS-1123 subdomain',
      'use lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
    );
  }
  return found.problems;
}

/** Plain `{ apiVersion, kind, name }` (so an ApiObject passed as a reference renders as just these fields). */
export function plainObjectRef(ref: ScaleTargetRef): ScaleTargetRef {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
}

/**
 * A regex matching the names of the pods a workload owns, for PromQL `pod=~"..."` matchers: Deployment pods are
 * `<name>-<template hash>-<suffix>`, StatefulSet pods `<name>-<ordinal>`, anything else `<name>-<suffix...>`.
 */
export function podNameRegex(ref: ScaleTargetRef): string {
  const name = ref.name.replace(/\./g, '\\.');
  switch (ref.kind) {
    case 'Deployment':
      return `${name}-[a-z0-9]+-[a-z0-9]+`;
    case 'StatefulSet':
      return `${name}-[0-9]+`;
    case 'ReplicaSet':
      return `${name}-[a-z0-9]+`;
    default:
      return `${name}-.+`;
  }
}
