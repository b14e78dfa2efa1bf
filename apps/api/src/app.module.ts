import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ChainVerificationModule, StatusReportsModule } from '#audit';
import { DirectivesModule } from '#directives';
import { JobsModule } from '#jobs';
import { PROJECTIONS, ReadModelsModule } from '#read-models';
import { NotificationsModule } from '#reminders';
import { MetricsModule, RuntimeModule, type RuntimeOptions } from '#runtime';
import { DeliveriesController } from './admin/deliveries/deliveries.http.controller.js';
import { ProjectionsController } from './admin/projections/projections.http.controller.js';
import { VerifyChainController } from './audit/verify/verify-chain.http.controller.js';
import { MeController } from './me/me.http.controller.js';
import { DashboardController } from './dashboard/dashboard.http.controller.js';
import { DirectiveAsOfService } from './dashboard/directive-as-of.service.js';
import { StatusReportService } from './reports/status-report.service.js';
import { StatusReportsController } from './reports/status-reports.http.controller.js';
import { DirectiveDiffController } from './dashboard/directive-diff.http.controller.js';
import { directiveReplayerProvider } from './dashboard/directive-replayer.provider.js';
import { UnitInboxController } from './dashboard/unit-inbox.http.controller.js';
import { ReadDirectivesController } from './directives/read-directives/read-directives.http.controller.js';
import { RegisterDirectiveController } from './directives/register-directive/register-directive.http.controller.js';
import { ReminderPolicyController } from './directives/reminder-policy/reminder-policy.http.controller.js';
import { AuthGuard } from './http/auth.guard.js';
import { ErrorFilter } from './http/error.filter.js';
import { AcknowledgeAssignmentController } from './items/acknowledge-assignment/acknowledge-assignment.http.controller.js';
import { AssignUnitsController } from './items/assign-units/assign-units.http.controller.js';
import { CloseItemController } from './items/close-item/close-item.http.controller.js';
import { CorrectProgressReportController } from './items/correct-progress-report/correct-progress-report.http.controller.js';
import { DecideExtensionController } from './items/decide-extension/decide-extension.http.controller.js';
import { GetItemController } from './items/get-item/get-item.http.controller.js';
import { GetItemAsOfHandler } from './items/item-as-of/get-item-as-of.handler.js';
import { ItemAsOfController } from './items/item-as-of/item-as-of.http.controller.js';
import { itemReplayerProvider } from './items/item-as-of/item-replayer.provider.js';
import { ProposeCommendationController } from './items/propose-commendation/propose-commendation.http.controller.js';
import { ReportBlockerController } from './items/report-blocker/report-blocker.http.controller.js';
import { ReportCompletionController } from './items/report-completion/report-completion.http.controller.js';
import { ReportProgressController } from './items/report-progress/report-progress.http.controller.js';
import { RequestExtensionController } from './items/request-extension/request-extension.http.controller.js';
import { ResolveBlockerController } from './items/resolve-blocker/resolve-blocker.http.controller.js';
import { ResolveEscalationController } from './items/resolve-escalation/resolve-escalation.http.controller.js';
import { ReviewCompletionController } from './items/review-completion/review-completion.http.controller.js';
import { HealthController } from './observability/health.controller.js';
import { MetricsController } from './observability/metrics.controller.js';
import { DefineUnitGroupController } from './units/define-unit-group/define-unit-group.http.controller.js';
import { ReadCatalogueController } from './units/read-catalogue/read-catalogue.http.controller.js';
import { GetUnitWebhookHandler } from './units/read-webhook/read-webhook.handler.js';
import { ReadWebhookController } from './units/read-webhook/read-webhook.http.controller.js';
import { RegisterUnitController } from './units/register-unit/register-unit.http.controller.js';
import { RegisterUnitWebhookHandler } from './units/register-webhook/register-webhook.handler.js';
import { RegisterWebhookController } from './units/register-webhook/register-webhook.http.controller.js';
import { RemoveUnitWebhookHandler } from './units/remove-webhook/remove-webhook.handler.js';
import { RemoveWebhookController } from './units/remove-webhook/remove-webhook.http.controller.js';

/** The HTTP API: every controller, the token guard and the one error shape. */
@Module({})
export class AppModule {
  static forRoot(options: RuntimeOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), RuntimeModule.forRoot(options), MetricsModule, JobsModule, ReadModelsModule.forRoot(PROJECTIONS), DirectivesModule, NotificationsModule, StatusReportsModule, ChainVerificationModule],
      controllers: [
        StatusReportsController,
        HealthController,
        MeController,
        MetricsController,
        RegisterDirectiveController,
        ReadDirectivesController,
        ReminderPolicyController,
        RegisterUnitController,
        DefineUnitGroupController,
        ReadCatalogueController,
        RegisterWebhookController,
        ReadWebhookController,
        RemoveWebhookController,
        AssignUnitsController,
        AcknowledgeAssignmentController,
        ReportProgressController,
        CorrectProgressReportController,
        ReportBlockerController,
        ResolveBlockerController,
        ResolveEscalationController,
        RequestExtensionController,
        DecideExtensionController,
        ReportCompletionController,
        ReviewCompletionController,
        ProposeCommendationController,
        CloseItemController,
        GetItemController,
        ItemAsOfController,
        DashboardController,
        DirectiveDiffController,
        UnitInboxController,
        ProjectionsController,
        DeliveriesController,
        VerifyChainController,
      ],
      providers: [
        RegisterUnitWebhookHandler,
        RemoveUnitWebhookHandler,
        GetUnitWebhookHandler,
        itemReplayerProvider,
        GetItemAsOfHandler,
        directiveReplayerProvider,
        DirectiveAsOfService,
        StatusReportService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
