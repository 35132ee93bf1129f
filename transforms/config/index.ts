// Rules that read project files rather than sources.
import type { ConfigRule } from '../types';
import { dependencyVersions } from './dependency-versions';
import { runtimeVersion } from './runtime-version';

export const CONFIG_FILE_RULES: ConfigRule[] = [runtimeVersion, dependencyVersions];
