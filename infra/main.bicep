// ResilienceFunctions on Azure Functions Flex Consumption, deployed with `azd up` (see docs/deploy.md).
// Plain resource declarations only: registry modules (br/public:...) cannot be restored offline, and
// scripts/check-bicep.sh builds and lints this file with every linter rule at level "error".
targetScope = 'subscription'

metadata description = 'ResilienceFunctions: storage, monitoring, identity, role assignments, Flex Consumption function app and the Event Grid system topic of the blob trigger.'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (AZURE_ENV_NAME): prefix of the resource group, input of the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource; Flex Consumption must be offered there (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
@description('Largest number of instances the app scales out to.')
param maximumInstanceCount int = 100

@description('NCRONTAB schedule of the ReconcileInputs timer (app setting ReconcileSchedule): ingests blobs whose Event Grid event was lost.')
param reconcileSchedule string = '0 */5 * * * *'

@description('Browser origins allowed to call the API (platform CORS of the function app), e.g. https://dashboard.example.org. Empty: none.')
param corsAllowedOrigins string[] = []

@description('Object ID of the principal running azd (AZURE_PRINCIPAL_ID). When set, it gets data-plane roles on the storage account, so that it can upload files with --auth-mode login. Empty: no assignment.')
param principalId string = ''

@allowed([
  'User'
  'ServicePrincipal'
])
@description('Type of the principal in principalId.')
param principalType string = 'User'

@description('Tags on the resource group and every resource; azd-env-name lets azd find the environment\'s resources.')
var tags = {
  'azd-env-name': environmentName
}

@description('Unique, stable suffix of the resource names (same subscription, environment and region: same names).')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

@description('The azd service name of the function app (azure.yaml services.api); azd finds the app by this tag.')
var apiServiceName = 'api'

@description('Resource names, following the Azure naming abbreviations.')
var names = {
  resourceGroup: 'rg-${environmentName}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  identity: 'id-api-${resourceToken}'
  storage: 'st${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-api-${resourceToken}'
  systemTopic: 'evgt-st${resourceToken}'
}

@description('Blob container holding the deployment package of the Flex Consumption app (functionAppConfig.deployment).')
var deploymentContainerName = 'app-package-${take(names.functionApp, 32)}-${take(resourceToken, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
  }
}

module identity 'app/identity.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.identity
  }
}

module storage 'app/storage.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.storage
    deploymentContainerName: deploymentContainerName
  }
}

// Modules below receive the resource names computed here rather than other modules' outputs (known before
// deployment, so what-if stays precise), hence the explicit dependsOn.
module rbac 'app/rbac.bicep' = {
  scope: rg
  params: {
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    identityName: names.identity
    principalId: principalId
    principalType: principalType
  }
  dependsOn: [
    storage
    monitoring
    identity
  ]
}

module api 'app/api.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    serviceName: apiServiceName
    name: names.functionApp
    planName: names.plan
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    identityName: names.identity
    applicationInsightsName: names.applicationInsights
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    reconcileSchedule: reconcileSchedule
    corsAllowedOrigins: corsAllowedOrigins
  }
  // The host must be allowed into its storage and App Insights as soon as it starts: roles first.
  dependsOn: [
    rbac
  ]
}

module eventGrid 'app/eventgrid.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.systemTopic
    storageAccountName: names.storage
  }
  dependsOn: [
    storage
  ]
}

@description('Azure region of the deployment (read by azd).')
output AZURE_LOCATION string = location

@description('Microsoft Entra tenant of the subscription (read by azd).')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding every resource of the environment.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the function app (used by the postdeploy hook and az functionapp commands).')
output AZURE_FUNCTION_APP_NAME string = api.outputs.name

@description('Default host name of the function app.')
output AZURE_FUNCTION_APP_HOSTNAME string = api.outputs.defaultHostName

@description('Base URL of the HTTP API (route prefix api, host.json).')
output API_BASE_URL string = 'https://${api.outputs.defaultHostName}/api'

@description('Storage account holding the input files (container indicators), tables, queue and deployment package.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob endpoint of the storage account.')
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint

@description('Event Grid system topic of the storage account; the postdeploy hook adds the blob trigger\'s subscription to it.')
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name

@description('Client ID of the user-assigned identity the app runs as.')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Name of the Application Insights component receiving the app\'s telemetry.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
