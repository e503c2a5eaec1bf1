// Builders for the convert table tests: a normalized model with only what a
// case needs, and the service spec docker sends for a bare service (which
// each case extends with the fields it is about).

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { convertStack } from '../../src-main/compose/convert'
import type { Config, ServiceConfig } from '../../src-main/compose/model'
import type { Json } from '../../src-main/compose/objects'

export const NS = 'st'

export function model(partial: Partial<Config> = {}): Config {
  return {
    filename: 'compose.yml',
    filenames: ['compose.yml'],
    version: '3.8',
    services: [],
    networks: {},
    volumes: {},
    secrets: {},
    configs: {},
    extras: {},
    positions: new Map(),
    ...partial
  }
}

/** A recipe dir holding the given files. */
export function recipeDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccd-convert-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

/** Convert a stack with one service `app` (image ccd-busybox:test unless given). */
export function convertOne(service: Partial<ServiceConfig>, rest: Partial<Config> = {}, dir = recipeDir()) {
  const result = convertStack(model({ services: [{ name: 'app', image: 'ccd-busybox:test', ...service }], ...rest }), {
    namespace: NS,
    recipeDir: dir
  })
  return { ...result, spec: result.objects.services[0]?.spec as Record<string, Json> | undefined }
}

export function containerSpec(spec: Record<string, Json> | undefined): Record<string, Json> {
  return (spec?.TaskTemplate as Record<string, Json>).ContainerSpec as Record<string, Json>
}

export function taskTemplate(spec: Record<string, Json> | undefined): Record<string, Json> {
  return spec?.TaskTemplate as Record<string, Json>
}

/**
 * What docker 20.10 sends for `app: {image: ccd-busybox:test}` in stack `st`
 * (captured from the real `docker stack deploy`, service ccdconv-t1_other).
 */
export function bareServiceSpec(): Record<string, Json> {
  return {
    Name: 'st_app',
    Labels: { 'com.docker.stack.image': 'ccd-busybox:test', 'com.docker.stack.namespace': 'st' },
    TaskTemplate: {
      ContainerSpec: {
        Image: 'ccd-busybox:test',
        Labels: { 'com.docker.stack.namespace': 'st' },
        Privileges: { CredentialSpec: null, SELinuxContext: null }
      },
      Resources: {},
      Placement: {},
      Networks: [{ Target: 'st_default', Aliases: ['app'] }],
      ForceUpdate: 0
    },
    Mode: { Replicated: {} },
    EndpointSpec: {}
  }
}
