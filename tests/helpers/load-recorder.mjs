// Module hooks that append the URL of every module a process loads to the file named by
// XIAN_REPORT_LOADS: which packages a command loads, without timing anything. Use with
// node --import 'data:text/javascript,import{register}from"node:module";register("<this file's URL>")'.
import { appendFileSync } from 'node:fs';

export async function load(url, context, next) {
  appendFileSync(process.env.XIAN_REPORT_LOADS, `${url}\n`);
  return next(url, context);
}
