#!/usr/bin/env node
import { run } from './cli.js';

// runform pins an AWS SDK release that supports Node 20, so the SDK's notice about future
// releases needing Node 22 says nothing actionable to a runform user. Set it to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await run(process.argv.slice(2));
