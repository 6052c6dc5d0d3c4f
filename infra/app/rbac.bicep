// Role assignments of the app's identity (and optionally of the deploying principal) on the storage account and
// on Application Insights. Built-in role definition IDs:
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the app\'s user-assigned identity.')
param identityName string

@description('Object ID of the deploying principal; empty: no assignment for it.')
param principalId string

@allowed([
  'User'
  'ServicePrincipal'
])
@description('Type of the deploying principal.')
param principalType string

@description('Data-plane roles on the storage account. Blob Data Owner (not Contributor): the Functions host manages leases, receipts and keys in blob storage.')
var storageRoleDefinitionIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

@description('Monitoring Metrics Publisher: lets the identity send telemetry to Application Insights with Entra ID auth.')
var monitoringMetricsPublisherRoleDefinitionId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource identityStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoleDefinitionIds): {
    name: guid(storage.id, identity.id, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource identityMonitoringRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, monitoringMetricsPublisherRoleDefinitionId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      monitoringMetricsPublisherRoleDefinitionId
    )
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The deploying principal gets the same storage roles, so it can upload input files and inspect tables with
// `--auth-mode login` (shared keys are disabled on the account).
resource principalStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoleDefinitionIds): if (!empty(principalId)) {
    name: guid(storage.id, principalId, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: principalId
      principalType: principalType
    }
  }
]
