// Report-only rules (no transform of their own; some findings are fixed by async-handler).
import type { Rule } from '../types';
import { fireAndForget } from './fire-and-forget';
import { listenersAndExit } from './listeners-and-exit';
import { moduleTimer } from './module-timer';
import { runtimeVersionCdk } from './runtime-version-cdk';
import { xrayEnvTraceId } from './xray-env-trace-id';

export const REPORT_ONLY_RULES: Rule[] = [listenersAndExit, moduleTimer, fireAndForget, xrayEnvTraceId, runtimeVersionCdk];
