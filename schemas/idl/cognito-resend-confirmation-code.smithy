$version: "2"

namespace com.amazonaws.cognitoidentityprovider

use aws.protocols#awsJson1_1

/// <p>An excerpt of the Amazon Cognito user pools API, written by hand for Shapegen: the <code>ResendConfirmationCode</code> operation and every shape it reaches.</p> <p>The full API is described in the <a href="https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html">Amazon Cognito user pools API reference</a>.</p>
@awsJson1_1
@title("Amazon Cognito Identity Provider")
service AWSCognitoIdentityProviderService {
    version: "2016-04-18"
    operations: [ResendConfirmationCode]
}

/// An Amazon Pinpoint endpoint to which Amazon Cognito attributes analytics data.
structure AnalyticsMetadataType {
    /// The ID of the Amazon Pinpoint endpoint.
    AnalyticsEndpointId: StringType
}

/// The name of a user attribute.
@length(min: 1, max: 32)
@pattern("^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$")
string AttributeNameType

/// The ID of an app client in a user pool.
@length(min: 1, max: 128)
@pattern("^[\\w+]+$")
@sensitive
string ClientIdType

/// String key-value pairs that Amazon Cognito hands to Lambda triggers.
map ClientMetadataType {
    key: StringType
    value: StringType
}

/// The details of a message that Amazon Cognito sent with a verification or confirmation code.
structure CodeDeliveryDetailsType {
    /// The email address or phone number that the code was sent to.
    Destination: StringType

    /// Whether the code went out as an SMS message or as an email message.
    DeliveryMedium: DeliveryMediumType

    /// The user attribute that the code verifies, such as email or phone_number.
    AttributeName: AttributeNameType
}

/// <p>Amazon Cognito could not deliver the code.</p>
@error("client")
@httpError(400)
structure CodeDeliveryFailureException {
    /// A description of the delivery failure.
    message: MessageType
}

/// The channel through which Amazon Cognito delivers a message.
enum DeliveryMediumType {
    SMS
    EMAIL
}

/// <p>WAF blocked the request because of a web ACL associated with the user pool. See <a href="https://docs.aws.amazon.com/waf/latest/developerguide/web-acl.html">Web ACLs</a> in the <i>WAF Developer Guide</i>.</p>
@error("client")
@httpError(403)
structure ForbiddenException {
    /// A description of the blocked request.
    message: MessageType
}

/// <p>Amazon Cognito hit an <b>internal</b> error; the fault is on the server side.</p>
@error("server")
structure InternalErrorException {
    /// A description of the internal error.
    message: MessageType
}

/// <p>Amazon Cognito is not allowed to send email from the configured email identity.</p>
@error("client")
@httpError(400)
structure InvalidEmailRoleAccessPolicyException {
    /// A description of the email identity problem.
    message: MessageType
}

/// <p>A Lambda trigger returned a response that Amazon Cognito can't use.</p>
@error("client")
@httpError(400)
structure InvalidLambdaResponseException {
    /// A description of the invalid response.
    message: MessageType
}

/// <p>A request parameter is not valid.</p>
@error("client")
@httpError(400)
structure InvalidParameterException {
    /// A description of the invalid parameter.
    message: MessageType

    /// <p>A code that names why the parameter was rejected.</p>
    reasonCode: InvalidParameterExceptionReasonCodeType
}

/// <p>A short code that says <i>why</i> a parameter was rejected.</p>
string InvalidParameterExceptionReasonCodeType

/// <p>The IAM role configured for SMS messages is not allowed to publish through Amazon SNS.</p>
@error("client")
@httpError(400)
structure InvalidSmsRoleAccessPolicyException {
    /// A description of the missing permission.
    message: MessageType
}

/// <p>The trust policy of the IAM role configured for SMS messages is not valid.</p> <ul> <li><p>It must trust <code>cognito-idp.amazonaws.com</code>.</p></li> <li><p>Its external ID must match the one in the user pool's SMS configuration.</p></li> </ul>
@error("client")
@httpError(400)
structure InvalidSmsRoleTrustRelationshipException {
    /// A description of the trust policy problem.
    message: MessageType
}

/// <p>A limit on an Amazon Web Services resource was exceeded.</p>
@error("client")
@httpError(400)
structure LimitExceededException {
    /// A description of the limit.
    message: MessageType
}

/// <p>A human-readable explanation of an error.</p>
string MessageType

/// <p>The caller is not authorized to perform this request, for example because the <code>SecretHash</code> is wrong.</p>
@error("client")
@httpError(403)
structure NotAuthorizedException {
    /// A description of the authorization failure.
    message: MessageType
}

/// <p>Sends a new confirmation code to a user who signed up but has not confirmed the account yet. Amazon Cognito sends the code to the attribute named in the <code>AutoVerifiedAttributes</code> setting of the user pool.</p> <note><p>Requests to this operation are not signed with IAM credentials, and IAM policies do not apply to it.</p></note> <ul> <li><p>It may send an SMS message; some countries require a registered origination number for that.</p></li> <li><p>It invokes the <i>custom message</i> Lambda trigger, if the user pool has one.</p></li> </ul>
@auth([])
operation ResendConfirmationCode {
    input: ResendConfirmationCodeRequest
    output: ResendConfirmationCodeResponse
    errors: [
        ResourceNotFoundException
        InvalidParameterException
        UnexpectedLambdaException
        UserLambdaValidationException
        NotAuthorizedException
        InvalidLambdaResponseException
        TooManyRequestsException
        LimitExceededException
        InvalidSmsRoleAccessPolicyException
        InvalidSmsRoleTrustRelationshipException
        InvalidEmailRoleAccessPolicyException
        CodeDeliveryFailureException
        UserNotFoundException
        InternalErrorException
        ForbiddenException
    ]
}

/// The request to send a user a new sign-up confirmation code.
@input
structure ResendConfirmationCodeRequest {
    /// The ID of the app client that the user signed up through.
    @required
    ClientId: ClientIdType

    /// A keyed-hash message authentication code (HMAC) computed from the app client secret over the username and the client ID. Needed only when the app client has a secret.
    SecretHash: SecretHashType

    /// Data about the user's session, such as the IP address and a device fingerprint, that threat protection uses to judge the risk of the request.
    UserContextData: UserContextDataType

    /// The username, or an alias such as the email address, of the user who should get a new confirmation code.
    @required
    Username: UsernameType

    /// The Amazon Pinpoint analytics metadata to record for this call.
    AnalyticsMetadata: AnalyticsMetadataType

    /// Custom key-value pairs that Amazon Cognito passes to the Lambda function of the custom message trigger. Amazon Cognito does not store, validate or encrypt them, so keep sensitive data out of them.
    ClientMetadata: ClientMetadataType
}

/// The answer to a request for a new confirmation code.
@output
structure ResendConfirmationCodeResponse {
    /// Where and how Amazon Cognito sent the new code.
    CodeDeliveryDetails: CodeDeliveryDetailsType
}

/// <p>Amazon Cognito can't find the requested resource, such as the user pool or the app client.</p>
@error("client")
@httpError(404)
structure ResourceNotFoundException {
    /// A description of the missing resource.
    message: MessageType
}

/// A base64-encoded HMAC-SHA256 digest that proves the caller knows the app client secret.
@length(min: 1, max: 128)
@pattern("^[\\w+=/]+$")
@sensitive
string SecretHashType

/// A string of at most 131072 characters.
@length(min: 0, max: 131072)
string StringType

/// <p>The caller sent too many requests for this operation in a short time.</p>
@error("client")
@httpError(429)
structure TooManyRequestsException {
    /// A description of the rate limit that was hit.
    message: MessageType
}

/// <p>A Lambda trigger failed in a way Amazon Cognito did not expect.</p>
@error("client")
@httpError(400)
structure UnexpectedLambdaException {
    /// A description of the Lambda failure.
    message: MessageType
}

/// Context about a user's session that Amazon Cognito threat protection uses to estimate the risk of a request.
@sensitive
structure UserContextDataType {
    /// The source IP address of the user's device.
    IpAddress: StringType

    /// Encoded device fingerprint data, as collected by the Amazon Cognito context data collection library.
    EncodedData: StringType
}

/// <p>A Lambda trigger rejected the request while validating the user.</p>
@error("client")
@httpError(400)
structure UserLambdaValidationException {
    /// The reason the Lambda trigger gave.
    message: MessageType
}

/// <p>No user with the given username exists in the user pool.</p>
@error("client")
@httpError(404)
structure UserNotFoundException {
    /// A description of the missing user.
    message: MessageType
}

/// The name of a user in a user pool.
@length(min: 1, max: 128)
@pattern("^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$")
@sensitive
string UsernameType
