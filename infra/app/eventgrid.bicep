// The Event Grid system topic of the storage account. The blob trigger of IngestIndicatorFile uses the Event Grid
// source (the only one Flex Consumption supports); its webhook subscription needs the host's blobs_extension system
// key, which exists only once the code is deployed, so infra/hooks/postdeploy.sh creates the subscription.

@description('Azure region (must be the storage account\'s region).')
param location string

@description('Tags of every resource.')
param tags {
  @description('Tag value.')
  *: string
}

@description('Name of the system topic.')
param name string

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

@description('Name of the system topic.')
output name string = systemTopic.name
