import { Icon } from '../../components/Icon'

export interface StepInfo {
  key: string
  label: string
}

export function StepIndicator({ steps, current, skipped = [] }: { steps: StepInfo[]; current: number; skipped?: string[] }) {
  return (
    <div className="stepper">
      <p className="stepper__count" data-testid="wizard-step-count">
        Step {current + 1} of {steps.length}
      </p>
      <ol className="stepper__list" aria-label="Steps">
        {steps.map((s, i) => {
          const state = i < current ? 'done' : i === current ? 'current' : 'todo'
          return (
            <li key={s.key} className={`stepper__item stepper__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper__dot" aria-hidden="true">
                {state === 'done' ? <Icon name="check" /> : i + 1}
              </span>
              <span className="stepper__label">
                {s.label}
                {state === 'done' && <span className="sr-only">{skipped.includes(s.key) ? ' (already known)' : ' (done)'}</span>}
                {state === 'done' && skipped.includes(s.key) && <span className="stepper__note" aria-hidden="true">Already known</span>}
              </span>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
