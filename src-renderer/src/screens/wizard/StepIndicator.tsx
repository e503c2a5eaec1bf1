import { useTranslation } from 'react-i18next'
import type { UiMessages } from '../../i18n/en'
import { Icon } from '../../components/Icon'

export interface StepInfo {
  key: string
  /** Which of wizard.steps names the step. */
  label: Exclude<keyof UiMessages['wizard']['steps'], 'label' | 'done' | 'alreadyKnown' | 'alreadyKnownSr'>
}

const stepState = (i: number, current: number): 'done' | 'current' | 'todo' => (i < current ? 'done' : i === current ? 'current' : 'todo')

export function StepIndicator({ steps, current, skipped = [], words }: { steps: StepInfo[]; current: number; skipped?: string[]; /** Step names by key, already translated, for a wizard with steps of its own. */ words?: Record<string, string> }) {
  const { t } = useTranslation()
  return (
    <div className="stepper">
      <p className="stepper__count" data-testid="wizard-step-count">
        {t('common.step', { step: current + 1, count: steps.length })}
      </p>
      <ol className="stepper__list" aria-label={t('wizard.steps.label')}>
        {steps.map((s, i) => {
          const state = stepState(i, current)
          return (
            <li key={s.key} className={`stepper__item stepper__item--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper__dot" aria-hidden="true">
                {state === 'done' ? <Icon name="check" /> : i + 1}
              </span>
              <span className="stepper__label">
                {words?.[s.key] ?? t(`wizard.steps.${s.label}`)}
                {state === 'done' && <span className="sr-only"> {skipped.includes(s.key) ? t('wizard.steps.alreadyKnownSr') : t('wizard.steps.done')}</span>}
                {state === 'done' && skipped.includes(s.key) && (
                  <span className="stepper__note" aria-hidden="true">
                    {t('wizard.steps.alreadyKnown')}
                  </span>
                )}
              </span>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
