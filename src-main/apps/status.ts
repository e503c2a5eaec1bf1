// STUB — being written: plain-word status of services from Docker's service and task lists.
import type Docker from 'dockerode'
import type { AppSummary, ServiceStatus } from '../contract/apps'

/** One service's status from its Docker service object and its tasks (any state). Pure. */
export function serviceStatus(_service: Docker.Service, _tasks: Docker.Task[], _stackName: string): ServiceStatus {
  throw new Error('not written yet')
}

/** The app's overall health and sentence ("Your app is running and healthy") from its services. Pure. */
export function appHealth(_services: ServiceStatus[], _deployed: boolean): Pick<AppSummary, 'health' | 'words'> {
  throw new Error('not written yet')
}
