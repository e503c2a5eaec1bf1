import readline from 'node:readline/promises'
import { dispatch } from '../api/dispatch'
import type { Input, MethodName, Output } from '../contract/contract'
import type { Core } from '../core/core'
import { CliError } from './errors'
import { t } from '../i18n/i18n'

// The CLI goes through dispatch() like every other door, so it gets the
// same validation and the same error bodies.
export async function call<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await dispatch(core.handlers, method, input)
  if (!result.ok) throw new CliError(result.error)
  return result.value as Output<M>
}

// Resolves once the text is handed to the OS, so exiting right after can't
// cut it off (pipes are asynchronous on macOS).
export function print(text: string, stream: NodeJS.WriteStream = process.stdout): Promise<void> {
  return new Promise((resolve) => stream.write(text.endsWith('\n') ? text : `${text}\n`, () => resolve()))
}

export function canAsk(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY)
}

export async function askYesNo(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = await rl.question(t('cli.io.yesNo', { question }))
    return new RegExp(t('cli.io.yes'), 'i').test(answer.trim())
  } finally {
    rl.close()
  }
}

// A line typed on the terminal, trimmed. Ctrl-C or Ctrl-D at the prompt
// answers '' (readline alone would just pause on Ctrl-C).
export async function askLine(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr })
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')))
  rl.on('SIGINT', () => {
    process.stderr.write('\n')
    rl.close()
  })
  try {
    return (await Promise.race([rl.question(question), closed])).trim()
  } finally {
    rl.close()
  }
}

// A secret piped in, e.g. `pass show x | coopcloud-desktop server add … --password-stdin`.
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}
