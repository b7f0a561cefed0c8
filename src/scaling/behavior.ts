/**
 * HPA `behavior`: how fast an autoscaler may scale up and down. Field names are Kubernetes' own; nothing is
 * defaulted here: a field left out is left out of the manifest, so Kubernetes' documented defaults apply.
 */
import type { IHorizontalPodAutoscalerBehavior, IHPAScalingRules } from 'kubernetes-models/autoscaling/v2';
import { Problem, ProblemList } from '../core';

/** One rate limit: at most `value` pods (or percent of current pods) per `periodSeconds`. */
export interface HpaScalingPolicy {
  /** `Pods`: a number of pods; `Percent`: a percentage of the current replicas. */
  readonly type: 'Pods' | 'Percent';
  /** How many pods, or what percentage, may be added (or removed) per period. A whole number > 0. */
  readonly value: number;
  /** The period the limit holds over, in seconds: 1 to 1800. */
  readonly periodSeconds: number;
}

/** Rules for one direction (scale-up or scale-down). */
export interface HpaScalingRules {
  /**
   * Seconds of past recommendations considered before scaling (the highest for scale-down, the lowest for
   * scale-up): 0 to 3600. @default Kubernetes' default: 0 for scale-up, 300 for scale-down
   */
  readonly stabilizationWindowSeconds?: number;
  /**
   * Rate limits; at least one when given.
   * @default Kubernetes' default: scale-up 100% or 4 pods per 15 s (the higher), scale-down 100% per 15 s
   */
  readonly policies?: readonly HpaScalingPolicy[];
  /** Which policy wins when several allow different changes; `Disabled` turns this direction off. @default Kubernetes' default, Max */
  readonly selectPolicy?: 'Max' | 'Min' | 'Disabled';
}

/** `spec.behavior`. */
export interface HpaBehavior {
  /** Scale-up rules. @default Kubernetes' defaults */
  readonly scaleUp?: HpaScalingRules;
  /** Scale-down rules. @default Kubernetes' defaults */
  readonly scaleDown?: HpaScalingRules;
}

/** Limits from the autoscaling/v2 API's validation. */
export const BEHAVIOR_LIMITS = {
  maxPeriodSeconds: 1800,
  maxStabilizationWindowSeconds: 3600,
} as const;

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const INT32_MAX = 2 ** 31 - 1;

/** Every problem with a behavior, as fields under `behavior`. */
export function checkBehavior(behavior: HpaBehavior | undefined, where: string): Problem[] {
  if (behavior === undefined) return [];
  const found = new ProblemList(where);
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    const rules = behavior[direction];
    if (rules === undefined) continue;
    const at = `behavior.${direction}`;
    const w = rules.stabilizationWindowSeconds;
    if (w !== undefined && (!isWhole(w) || w < 0 || w > BEHAVIOR_LIMITS.maxStabilizationWindowSeconds)) {
      found.add(
        `${at}.stabilizationWindowSeconds`,
        w,
        `the stabilization window must be a whole number of seconds from 0 to ${BEHAVIOR_LIMITS.maxStabilizationWindowSeconds}`,
        'e.g. 60 for scale-up, 300 for scale-down',
      );
    }
    if (rules.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(rules.selectPolicy)) {
      found.add(
        `${at}.selectPolicy`,
        rules.selectPolicy,
        'selectPolicy must be "Max", "Min" or "Disabled"',
        "leave it out for Kubernetes' default, Max",
      );
    }
    if (rules.policies !== undefined) {
      if (!Array.isArray(rules.policies) || rules.policies.length === 0) {
        found.add(
          `${at}.policies`,
          rules.policies,
          'an empty policy list: Kubernetes requires at least one policy per direction',
          "give at least one policy, or leave policies out for Kubernetes' defaults",
        );
        continue;
      }
      rules.policies.forEach((p, i) => {
        const pf = `${at}.policies[${i}]`;
        if (p.type !== 'Pods' && p.type !== 'Percent') {
          found.add(
            `${pf}.type`,
            p.type,
            'a policy type is "Pods" or "Percent"',
            '"Pods" limits by a number of pods, "Percent" by a share of the current replicas',
          );
        }
        if (!isWhole(p.value) || p.value <= 0 || p.value > INT32_MAX) {
          found.add(
            `${pf}.value`,
            p.value,
            'a policy value must be a whole number greater than 0',
            p.type === 'Percent' ? 'e.g. 100 to allow doubling per period' : 'e.g. 4 pods per period',
          );
        }
        if (!isWhole(p.periodSeconds) || p.periodSeconds < 1 || p.periodSeconds > BEHAVIOR_LIMITS.maxPeriodSeconds) {
          found.add(
            `${pf}.periodSeconds`,
            p.periodSeconds,
            `a policy period must be a whole number of seconds from 1 to ${BEHAVIOR_LIMITS.maxPeriodSeconds}`,
            'e.g. 60',
          );
        }
      });
    }
  }
  return found.problems;
}

/** The behavior as the generated k8s type, fields as given and nothing added. */
export function behaviorManifest(behavior: HpaBehavior | undefined): IHorizontalPodAutoscalerBehavior | undefined {
  if (behavior === undefined) return undefined;
  const rules = (r: HpaScalingRules | undefined): IHPAScalingRules | undefined =>
    r === undefined
      ? undefined
      : {
          stabilizationWindowSeconds: r.stabilizationWindowSeconds,
          selectPolicy: r.selectPolicy,
          policies: r.policies?.map((p) => ({ type: p.type, value: p.value, periodSeconds: p.periodSeconds })),
        };
  return { scaleUp: rules(behavior.scaleUp), scaleDown: rules(behavior.scaleDown) };
}
