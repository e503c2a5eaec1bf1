import type { jobs as en } from '../en/jobs'
import type { Translation } from '../keys'

export const jobs: Translation<typeof en> = {}
