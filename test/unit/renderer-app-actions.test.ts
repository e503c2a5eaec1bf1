import { describe, expect, it } from 'vitest'
import { mainAction } from '../../src-renderer/src/lib/appActions'

describe('the main button on an app’s page', () => {
  it('is Deploy for an app not deployed yet', () => {
    expect(mainAction({ deployed: false, health: 'stopped' })).toBe('deploy')
    expect(mainAction({ deployed: false, health: 'unknown', earlierVersion: 'v1.0.0' })).toBe('deploy')
  })

  it('is a backup, not Redeploy, for an app that runs fine or is busy updating', () => {
    expect(mainAction({ deployed: true, health: 'running' })).toBe('backup')
    expect(mainAction({ deployed: true, health: 'running', earlierVersion: 'v1.0.0' })).toBe('backup')
    expect(mainAction({ deployed: true, health: 'updating' })).toBe('backup')
  })

  it('is the fix for an app in trouble: going back when it ran an older version, else deploying again', () => {
    expect(mainAction({ deployed: true, health: 'failed', earlierVersion: 'v1.0.0' })).toBe('go-back')
    expect(mainAction({ deployed: true, health: 'attention', earlierVersion: 'v1.0.0' })).toBe('go-back')
    expect(mainAction({ deployed: true, health: 'failed' })).toBe('redeploy')
  })
})
