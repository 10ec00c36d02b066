import { Age65BatchDialog } from '../features/eligibility/Age65BatchDialog'
import { CorrectionDialog } from '../features/eligibility/CorrectionDialog'
import { useEligibilityRevision } from '../features/eligibility/eligibility-revision'
import { FacilityEventDialog } from '../features/eligibility/FacilityEventDialog'
import { InsuranceCardDialog } from '../features/eligibility/InsuranceCardDialog'
import { ResidentChangeIntakeDialog } from '../features/eligibility/ResidentChangeIntakeDialog'
import { ProvisionalCardDialog } from '../features/forms/ProvisionalCardDialog'
import { ResidentTaxIntakeDialog } from '../features/premiums/ResidentTaxIntakeDialog'
import { SurveyEntryDialog } from '../features/certification/SurveyEntryDialog'
import { assertNever, useNavigationStore } from './navigation-store'

/** The dialog on top of the dialog stack (a popup, as GitHub Desktop calls it); checked for exhaustiveness. */
export function DialogHost() {
  const dialog = useNavigationStore((s) => s.dialogs.at(-1))
  const close = useNavigationStore((s) => s.closeDialog)
  const changed = useEligibilityRevision((s) => s.changed)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'age65Batch':
      return <Age65BatchDialog open onClose={close} />
    case 'residentChangeIntake':
      return <ResidentChangeIntakeDialog open onClose={close} />
    case 'residentTaxIntake':
      return <ResidentTaxIntakeDialog open onClose={close} />
    case 'insuranceCard':
      return <InsuranceCardDialog personId={dialog.personId} open onClose={close} />
    case 'provisionalCard':
      return <ProvisionalCardDialog personId={dialog.personId} open onClose={close} />
    case 'facilityEvent':
      return <FacilityEventDialog personId={dialog.personId} open onClose={close} onRecorded={changed} />
    case 'eligibilityCorrection':
      return (
        <CorrectionDialog personId={dialog.personId} events={dialog.events} open onClose={close} onProposed={changed} />
      )
    case 'surveyEntry':
      return <SurveyEntryDialog caseId={dialog.caseId} open onClose={close} />
    default:
      return assertNever(dialog)
  }
}
