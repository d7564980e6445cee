#!/usr/bin/env node
// The `zwgk` binary: process in, exit code out. Everything else lives in run().
import { processIo } from "./io.js";
import { run } from "./main.js";

process.exitCode = await run(process.argv.slice(2), processIo());
